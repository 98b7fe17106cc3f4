using StackExchange.Redis;

namespace Bos.Testing;

/// <summary>Every key under a prefix with its serialized value (Redis DUMP): equal snapshots mean nothing was written.</summary>
public static class RedisSnapshot
{
    /// <summary>The snapshot once the outbox relay has published what earlier writes left (its draining is a write too).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> TakeRelayedAsync(string keyPrefix) =>
        await Eventually.Until(() => TakeAsync(keyPrefix), s => !s.ContainsKey(keyPrefix + "outbox"), "the outbox is relayed");

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(string keyPrefix)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.RedisConfiguration);
        var server = redis.GetServers()[0];
        var database = redis.GetDatabase();
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: keyPrefix + "*"))
            snapshot[key!] = Convert.ToBase64String(await database.KeyDumpAsync(key) ?? []);
        return snapshot;
    }
}
