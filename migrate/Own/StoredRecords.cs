using Bos.Core.Redis;

namespace Bos.Migrate.Own;

/// <summary>Bos's own records of one kind, found by SCAN (not by the index, which may be what needs repair).</summary>
public static class StoredRecords
{
    private const int Chunk = 1000;

    /// <summary>(suffix after <paramref name="keyPrefix"/>, raw value) of every key starting with it, read in MGET chunks.</summary>
    public static async IAsyncEnumerable<(string Id, string Raw)> ReadAsync(IRedisStore redis, string keyPrefix)
    {
        var keys = new List<string>();
        await foreach (var key in redis.ScanKeysAsync(keyPrefix + "*")) keys.Add(key);
        keys.Sort(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(Chunk))
        {
            var values = await redis.GetManyAsync(chunk);
            for (var i = 0; i < chunk.Length; i++)
                if (values[i] is { } raw) yield return (chunk[i][keyPrefix.Length..], raw);
        }
    }
}
