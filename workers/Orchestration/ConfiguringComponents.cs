using Bos.Core.Redis;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// The components whose CFS configuration the <see cref="ConfigurationWatch"/> follows: a Redis sorted set
/// ("orchestration:configuring") scored with the time from which a CFS desired_config that still differs from the
/// component's counts as news (ConfigurationSweepInterval after the saga last assessed it).
/// </summary>
public sealed class ConfiguringComponents(IRedisStore redis, IOptions<OrchestrationSettings> settings, TimeProvider clock)
{
    public const string Key = "orchestration:configuring";

    /// <summary>Watches the component (again) until its CFS configuration moves on.</summary>
    public Task AddAsync(string componentId) =>
        redis.SortedSetAddAsync(Key, componentId, (clock.GetUtcNow() + settings.Value.ConfigurationSweepInterval).ToUnixTimeMilliseconds());

    public Task<IReadOnlyList<string>> AllAsync() => redis.SortedSetRangeByScoreAsync(Key, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Those whose differing desired_config counts as news by now.</summary>
    public async Task<IReadOnlySet<string>> MismatchDueAsync() =>
        (await redis.SortedSetRangeByScoreAsync(Key, double.NegativeInfinity, clock.GetUtcNow().ToUnixTimeMilliseconds())).ToHashSet();

    public async Task RemoveAsync(IReadOnlyCollection<string> componentIds)
    {
        if (componentIds.Count == 0) return;
        var batch = redis.CreateBatch();
        var removed = componentIds.Select(id => batch.SortedSetRemoveAsync(Key, id)).ToList();
        await batch.ExecuteAsync();
        await Task.WhenAll(removed);
    }
}
