using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;

namespace Bos.Bench;

/// <summary>
/// What a killed benchmark leaves behind — its Redis keys (`bench:{id}:…`) and its RabbitMQ virtual host (`bench-{id}`) —
/// is removed by the next run. A 100k reboot killed midway once left 200,000 keys (550 MB) that every later run's AOF
/// rewrites copied again (BENCHMARKS.md). A run marks each of its ids alive (`bench-alive:{id}`, a key that expires a
/// minute after the run's last refresh), so runs going on beside it keep theirs.
/// </summary>
public static class BenchLeftovers
{
    private const string RedisConfiguration = "127.0.0.1:6379";
    private static readonly TimeSpan AliveFor = TimeSpan.FromMinutes(1);
    private static readonly ConcurrentDictionary<string, bool> Ids = new();
    private static readonly Lazy<ConnectionMultiplexer> Redis = new(() => ConnectionMultiplexer.Connect(RedisConfiguration));
    private static Timer? _refresh;

    private static string AliveKey(string id) => "bench-alive:" + id;

    /// <summary>Marks an id (of a key prefix or a virtual host) as in use for as long as this process runs.</summary>
    public static string Register(string id)
    {
        Ids[id] = true;
        Redis.Value.GetDatabase().StringSet(AliveKey(id), "1", AliveFor);
        _refresh ??= new Timer(_ => Refresh(), null, AliveFor / 3, AliveFor / 3);
        return id;
    }

    private static void Refresh()
    {
        try
        {
            var db = Redis.Value.GetDatabase();
            foreach (var id in Ids.Keys) db.StringSet(AliveKey(id), "1", AliveFor, flags: CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Redis is down: the benchmark itself will say so.
        }
    }

    /// <summary>Removes the keys and virtual hosts of runs that are no longer alive; says on stderr what it removed.</summary>
    public static async Task RemoveAsync()
    {
        var db = Redis.Value.GetDatabase();
        var server = Redis.Value.GetServer(Redis.Value.GetEndPoints()[0]);
        var keysById = new Dictionary<string, List<RedisKey>>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: "bench:*", pageSize: 5000))
            if (IdOf(key.ToString(), "bench:", ':') is { } id)
                (keysById.TryGetValue(id, out var keys) ? keys : keysById[id] = []).Add(key);
        var keysRemoved = 0;
        var runs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, keys) in keysById)
        {
            if (await db.KeyExistsAsync(AliveKey(id))) continue;
            foreach (var chunk in keys.Chunk(1000)) keysRemoved += (int)await db.KeyDeleteAsync(chunk);
            runs.Add(id);
        }

        var hosts = 0;
        using var vhosts = JsonDocument.Parse(await BenchEnvironment.Management.GetStringAsync("vhosts"));
        foreach (var name in vhosts.RootElement.EnumerateArray().Select(v => v.GetProperty("name").GetString() ?? ""))
        {
            if (IdOf(name, "bench-", null) is not { } id || await db.KeyExistsAsync(AliveKey(id))) continue;
            (await BenchEnvironment.Management.DeleteAsync($"vhosts/{Uri.EscapeDataString(name)}")).EnsureSuccessStatusCode();
            hosts++;
        }
        if (keysRemoved > 0 || hosts > 0)
            await Console.Error.WriteLineAsync($"bench: removed what earlier runs left (killed?): {keysRemoved:N0} Redis keys of {runs.Count} runs, {hosts} RabbitMQ virtual hosts");
    }

    // The 32-hex-digit id after the prefix, up to the separator (or the end), else null.
    private static string? IdOf(string name, string prefix, char? separator)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var end = separator is { } s ? name.IndexOf(s, prefix.Length) : name.Length;
        var id = end < 0 ? "" : name[prefix.Length..end];
        return id.Length == 32 && id.All(Uri.IsHexDigit) ? id : null;
    }
}
