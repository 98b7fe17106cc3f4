using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using StackExchange.Redis;

namespace Bos.Testing.Upstream;

/// <summary>
/// A Redis server of its own (a `redis-server` process on a free port, nothing saved) holding an upstream BOS
/// database in DBs 0–5: what `migrate --from-upstream` reads. Disposing stops the process.
/// </summary>
public sealed class UpstreamBosServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConnectionMultiplexer _connection;

    private UpstreamBosServer(Process process, ConnectionMultiplexer connection, int port)
    {
        _process = process;
        _connection = connection;
        Url = $"redis://127.0.0.1:{port}";
    }

    /// <summary>`redis://127.0.0.1:port`, the command's argument.</summary>
    public string Url { get; }

    /// <summary>Starts the server and loads an embedded fixture (`upstream-bos.jsonl`: one {db, key, value} per line).</summary>
    public static async Task<UpstreamBosServer> StartAsync(string fixture = "upstream-bos.jsonl")
    {
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        try
        {
            var server = new UpstreamBosServer(process, await ConnectAsync(port), port);
            await server.LoadAsync(fixture);
            return server;
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(int port) =>
        (await Eventually.Until(async () =>
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},allowAdmin=true,connectTimeout=500");
        }
        catch (RedisConnectionException)
        {
            return null;
        }
    }, c => c is not null, "upstream redis-server started", TimeSpan.FromSeconds(20)))!;

    // The fixture is embedded in this assembly (Upstream/upstream-bos.jsonl).
    private async Task LoadAsync(string fixture)
    {
        using var reader = new StreamReader(typeof(UpstreamBosServer).Assembly.GetManifestResourceStream(fixture)
                                            ?? throw new InvalidOperationException($"{fixture} is not embedded"));
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0) continue;
            var record = JsonDocument.Parse(line).RootElement;
            await Database(record.GetProperty("db").GetInt32())
                .StringSetAsync(record.GetProperty("key").GetString(), record.GetProperty("value").GetString());
        }
    }

    public IDatabase Database(int db) => _connection.GetDatabase(db);

    /// <summary>Every key and value of DBs 0–5, to show that the import left them untouched.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> SnapshotAsync()
    {
        var server = _connection.GetServers()[0];
        var snapshot = new Dictionary<string, string?>();
        for (var db = 0; db <= 5; db++)
            await foreach (var key in server.KeysAsync(db))
                snapshot[$"{db}/{key}"] = await Database(db).StringGetAsync(key);
        return snapshot;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
