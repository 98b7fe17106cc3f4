using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Bos.Chaos.Tests;

/// <summary>
/// The suite's own Redis and RabbitMQ, started and restarted through scripts/services with env overrides (ports,
/// data folder; the node name follows from the ports), never the shared ones on 6379/5672. The ports lie below the
/// kernel's ephemeral range (32768–60999): while a broker is down for a restart, a client retrying it can be handed
/// the broker's own port as its local port (connecting to itself), and the broker then cannot listen again
/// (eaddrinuse; it happened on 46672).
/// <para>
/// The pair must be this checkout's: scripts/services leaves a service it finds on the ports alone, so a pair left
/// running by another checkout (its data in that checkout's .data/chaos) used to be adopted, and a "restart" then
/// stopped that one and started this checkout's from another data folder: a different dataset, the session under
/// test gone (the Redis-restart "hang" of issue #11). <see cref="StartAsync"/> therefore stops a pair it finds
/// running from another folder when nothing is connected to it (left over), and refuses when something is (another
/// run is using it).
/// </para>
/// </summary>
public sealed class ChaosServices(int? redisPort = null, int? amqpPort = null, int? managementPort = null, int? distPort = null, string? dataDir = null)
{
    public static string Root { get; } = FindRoot();
    public int RedisPort { get; } = redisPort ?? Port("BOS_CHAOS_REDIS_PORT", 23379);
    public int AmqpPort { get; } = amqpPort ?? Port("BOS_CHAOS_RABBITMQ_PORT", 23672);
    public int ManagementPort { get; } = managementPort ?? Port("BOS_CHAOS_RABBITMQ_MANAGEMENT_PORT", 23673);
    public int DistPort { get; } = distPort ?? Port("BOS_CHAOS_RABBITMQ_DIST_PORT", 23674);
    public string DataDir { get; } = Path.GetFullPath(dataDir ?? Path.Combine(Root, ".data", "chaos"));

    /// <summary>Starts the pair (or one of it), first stopping a leftover of another checkout on the same ports.</summary>
    public async Task StartAsync(string which = "")
    {
        if (which is "" or "redis") await ReplaceForeignRedisAsync();
        if (which is "" or "rabbitmq") await ReplaceForeignRabbitMqAsync();
        await RunAsync("start", which, DataDir);
    }

    public Task StopAsync(string which) => RunAsync("stop", which, DataDir);

    /// <summary>The data folder of the Redis answering on <see cref="RedisPort"/> (its <c>dir</c> is that folder's redis/), or null when none answers.</summary>
    public async Task<string?> RunningRedisDataDirAsync()
    {
        var (ok, output) = await TryRunAsync("redis-cli", $"-h 127.0.0.1 -p {RedisPort} config get dir");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return ok && lines is ["dir", var dir] ? Path.GetDirectoryName(dir.TrimEnd('/')) : null;
    }

    /// <summary>The data folder of the RabbitMQ whose management API answers on <see cref="ManagementPort"/> (its config file is that folder's rabbitmq/rabbitmq.conf), or null when none answers.</summary>
    public async Task<string?> RunningRabbitMqDataDirAsync()
    {
        using var http = Management();
        try
        {
            var nodes = JsonDocument.Parse(await http.GetStringAsync("api/nodes")).RootElement;
            var config = nodes[0].GetProperty("config_files")[0].GetString()!;
            return Path.GetDirectoryName(Path.GetDirectoryName(config));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private async Task ReplaceForeignRedisAsync()
    {
        if (await RunningRedisDataDirAsync() is not { } theirs || SameDir(theirs, DataDir)) return;
        // CLIENT LIST counts our own redis-cli connection too.
        var (_, clients) = await TryRunAsync("redis-cli", $"-h 127.0.0.1 -p {RedisPort} client list");
        if (clients.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1)
            throw new InvalidOperationException($"The Redis on port {RedisPort} runs from {theirs}, not {DataDir}, and has clients: another run is " +
                                                "using it. Wait for it, or give this run other ports (BOS_CHAOS_*_PORT).");
        await RunAsync("stop", "redis", theirs);
    }

    private async Task ReplaceForeignRabbitMqAsync()
    {
        if (await RunningRabbitMqDataDirAsync() is not { } theirs || SameDir(theirs, DataDir)) return;
        using var http = Management();
        var connections = JsonDocument.Parse(await http.GetStringAsync("api/connections")).RootElement.GetArrayLength();
        if (connections > 0)
            throw new InvalidOperationException($"The RabbitMQ on port {AmqpPort} runs from {theirs}, not {DataDir}, and has {connections} connections: " +
                                                "another run is using it. Wait for it, or give this run other ports (BOS_CHAOS_*_PORT).");
        // Stopped with its own data folder: rabbitmqctl needs that broker's Erlang cookie (its HOME).
        await RunAsync("stop", "rabbitmq", theirs);
    }

    private HttpClient Management()
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ManagementPort}/"), Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        return http;
    }

    private static bool SameDir(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd('/'), Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);

    private async Task RunAsync(string command, string which, string dataDir)
    {
        var info = new ProcessStartInfo(Path.Combine(Root, "scripts", "services"), $"{command} {which}".Trim())
        { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["BOS_DATA_DIR"] = dataDir;
        info.Environment["BOS_REDIS_PORT"] = RedisPort.ToString();
        info.Environment["BOS_RABBITMQ_PORT"] = AmqpPort.ToString();
        info.Environment["BOS_RABBITMQ_MANAGEMENT_PORT"] = ManagementPort.ToString();
        info.Environment["BOS_RABBITMQ_DIST_PORT"] = DistPort.ToString();
        using var process = Process.Start(info)!;
        var output = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/services {command} {which} failed: {await output}");
    }

    private static async Task<(bool Ok, string Output)> TryRunAsync(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        await error;
        // redis-cli exits non-zero ("Could not connect") when nothing listens.
        return (process.ExitCode == 0 && output.Length > 0, output);
    }

    private static int Port(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var p) ? p : fallback;

    private static string FindRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Bos.sln"))) root = Path.GetDirectoryName(root)!;
        return root;
    }
}
