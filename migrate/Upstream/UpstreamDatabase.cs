using Bos.Core.Health;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Bos.Migrate.Upstream;

/// <summary>
/// A running upstream BOS database (its DBs 0–5: options, components, templates, sessions, BSS tokens, statuses), read only: the import issues SCAN, MGET and PING, never a write.
/// Values are upstream's `json.dumps` text; template, session and status keys are `sha1(tenant)-sha1(name)`.
/// </summary>
public sealed class UpstreamDatabase : IAsyncDisposable
{
    public const int Options = 0, Components = 1, Templates = 2, Sessions = 3, BssTokens = 4, SessionStatuses = 5;
    private const int Chunk = 500;
    private readonly ConnectionMultiplexer _connection;

    private UpstreamDatabase(ConnectionMultiplexer connection, string address)
    {
        _connection = connection;
        Address = address;
    }

    public string Address { get; }

    /// <summary>Connects to `redis://[:password@]host[:port]`, waiting for it as long as the startup settings allow (logged).</summary>
    public static async Task<UpstreamDatabase> ConnectAsync(string url, StartupOptions wait, ILogger logger, CancellationToken ct)
    {
        var config = Configuration(url);
        var address = config.EndPoints[0].ToString()!;
        var connection = await ConnectionMultiplexer.ConnectAsync(config);
        var database = new UpstreamDatabase(connection, address);
        try
        {
            await StartupWait.WaitAsync("upstream BOS Redis", address,
                async c => await connection.GetDatabase(0).PingAsync().WaitAsync(TimeSpan.FromSeconds(2), c), wait, logger, ct);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Parses the command's URL; ArgumentException when it is not `redis://host[:port]`.</summary>
    public static ConfigurationOptions Configuration(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "redis" || uri.Host.Length == 0 || uri.AbsolutePath is not ("" or "/"))
            throw new ArgumentException($"'{url}' is not a redis://host:port URL");
        var config = new ConfigurationOptions { AbortOnConnectFail = false, ConnectTimeout = 2000, ConnectRetry = 0 };
        config.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
        if (uri.UserInfo.Split(':', 2) is [_, var password] && password.Length > 0) config.Password = Uri.UnescapeDataString(password);
        return config;
    }

    /// <summary>Every key of a database, in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(int db)
    {
        var server = _connection.GetServers()[0];
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(db, "*", pageSize: 1000)) keys.Add(key!);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>The values of <paramref name="keys"/> (null where a key vanished or is not a string), in MGET chunks.</summary>
    public async Task<IReadOnlyList<string?>> ValuesAsync(int db, IReadOnlyList<string> keys)
    {
        var database = _connection.GetDatabase(db);
        var values = new List<string?>(keys.Count);
        foreach (var chunk in keys.Chunk(Chunk))
        {
            try
            {
                values.AddRange((await database.StringGetAsync(chunk.Select(k => (RedisKey)k).ToArray())).Select(v => (string?)v));
            }
            catch (RedisServerException) // WRONGTYPE in the chunk: read one by one
            {
                foreach (var key in chunk) values.Add(await OneAsync(database, key));
            }
        }
        return values;
    }

    private static async Task<string?> OneAsync(IDatabase database, string key)
    {
        try
        {
            return await database.StringGetAsync(key);
        }
        catch (RedisServerException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
