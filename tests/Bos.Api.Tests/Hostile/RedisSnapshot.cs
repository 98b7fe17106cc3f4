using System.Text;
using Bos.Testing;
using StackExchange.Redis;

namespace Bos.Api.Tests.Hostile;

/// <summary>Every key under a prefix with its type and value, read type by type, to prove that a request changed nothing.</summary>
public sealed class RedisSnapshot : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly string _prefix;

    private RedisSnapshot(ConnectionMultiplexer redis, string prefix) => (_redis, _prefix) = (redis, prefix);

    public static async Task<RedisSnapshot> ConnectAsync(string prefix) =>
        new(await ConnectionMultiplexer.ConnectAsync(TestServices.RedisConfiguration), prefix);

    /// <summary>"key (type) = value" lines, sorted, one per key.</summary>
    public async Task<string> TakeAsync()
    {
        var db = _redis.GetDatabase();
        var server = _redis.GetServers().First();
        var lines = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: _prefix + "*", pageSize: 1000))
        {
            // The audit log records every refused write by design (docs/compatibility.md): the one key a refusal changes.
            if (key == _prefix + Bos.Core.Audit.AuditLog.Key) continue;
            var type = await db.KeyTypeAsync(key);
            string value = type switch
            {
                RedisType.String => (string?)await db.StringGetAsync(key) ?? "",
                RedisType.Hash => string.Join(", ", (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}").Order(StringComparer.Ordinal)),
                RedisType.Set => string.Join(", ", (await db.SetMembersAsync(key)).Select(v => (string)v!).Order(StringComparer.Ordinal)),
                RedisType.SortedSet => string.Join(", ", (await db.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Element}:{e.Score}")),
                RedisType.List => string.Join(", ", (await db.ListRangeAsync(key)).Select(v => (string)v!)),
                RedisType.Stream => string.Join(", ", (await db.StreamRangeAsync(key)).Select(e => $"{e.Id}:{string.Join(";", e.Values.Select(v => $"{v.Name}={v.Value}"))}")),
                _ => "",
            };
            lines.Add($"{key} ({type}) = {value}");
        }
        lines.Sort(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var line in lines) text.AppendLine(line);
        return text.ToString();
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();
}
