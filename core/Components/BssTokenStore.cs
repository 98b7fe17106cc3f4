using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Redis;
using Microsoft.Extensions.Caching.Memory;

namespace Bos.Core.Components;

/// <summary>
/// BSS referral token → the boot artifacts BSS was given (upstream's DB 4). Written at power-on, read when a node
/// reports its token. Entries expire after <see cref="Lifetime"/> instead of growing forever.
/// </summary>
/// <remarks>
/// A token names one BSS write and never changes its artifacts, and a whole batch of nodes shares one, so tokens found
/// are kept in memory for <see cref="CacheLifetime"/>: a node's report then costs no Redis read for its token. Tokens
/// not found are asked again (a power-on may record one at any time).
/// </remarks>
public sealed class BssTokenStore(IRedisStore redis) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>How long a token found is answered from memory.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Tokens kept in memory at most (one per BSS write of a power-on batch: 40 for a 100,000-node boot).</summary>
    public const int CacheSize = 10_000;

    private readonly MemoryCache _found = new(new MemoryCacheOptions { SizeLimit = CacheSize });

    private static string Key(string token) => "bss-token:" + token;

    public async Task RecordAsync(string token, BootArtifacts artifacts)
    {
        await redis.SetAsync(Key(token), BosJson.Serialize(artifacts), Lifetime);
        Remember(token, artifacts);
    }

    /// <summary>Artifacts of each known token among <paramref name="tokens"/>.</summary>
    public async Task<IReadOnlyDictionary<string, BootArtifacts>> LookupAsync(IEnumerable<string> tokens)
    {
        var found = new Dictionary<string, BootArtifacts>();
        var unknown = new List<string>();
        foreach (var token in tokens.Where(t => t.Length > 0).Distinct())
        {
            if (_found.TryGetValue(token, out BootArtifacts? artifacts)) found[token] = artifacts!;
            else unknown.Add(token);
        }
        if (unknown.Count == 0) return found;
        var values = await redis.GetManyAsync(unknown.Select(Key).ToList());
        for (var i = 0; i < unknown.Count; i++)
        {
            if (values[i] is not { } json) continue;
            found[unknown[i]] = BosJson.Deserialize<BootArtifacts>(json);
            Remember(unknown[i], found[unknown[i]]);
        }
        return found;
    }

    private void Remember(string token, BootArtifacts artifacts) =>
        _found.Set(token, artifacts, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheLifetime });

    public void Dispose() => _found.Dispose();
}
