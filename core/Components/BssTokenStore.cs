using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Redis;

namespace Bos.Core.Components;

/// <summary>
/// BSS referral token → the boot artifacts BSS was given (upstream's DB 4). Written at power-on, read when a node
/// reports its token. Entries expire after <see cref="Lifetime"/> instead of growing forever.
/// </summary>
public sealed class BssTokenStore(IRedisStore redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private static string Key(string token) => "bss-token:" + token;

    public Task RecordAsync(string token, BootArtifacts artifacts) =>
        redis.SetAsync(Key(token), BosJson.Serialize(artifacts), Lifetime);

    /// <summary>Artifacts of each known token among <paramref name="tokens"/>.</summary>
    public async Task<IReadOnlyDictionary<string, BootArtifacts>> LookupAsync(IEnumerable<string> tokens)
    {
        var distinct = tokens.Where(t => t.Length > 0).Distinct().ToList();
        if (distinct.Count == 0) return new Dictionary<string, BootArtifacts>();
        var values = await redis.GetManyAsync(distinct.Select(Key).ToList());
        var found = new Dictionary<string, BootArtifacts>();
        for (var i = 0; i < distinct.Count; i++)
            if (values[i] is { } json) found[distinct[i]] = BosJson.Deserialize<BootArtifacts>(json);
        return found;
    }
}
