using Bos.Core.Redis;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// The components whose CFS configuration the <see cref="ConfigurationWatch"/> follows: a Redis sorted set
/// ("orchestration:configuring") scored with the time from which a CFS desired_config that differs from the
/// component's counts as news (ConfigurationSweepInterval after the engine last assessed it), and a hash
/// ("orchestration:configuring:desired") of each one's desired configuration, so a round reads no component records.
/// </summary>
public sealed class ConfiguringComponents(IRedisStore redis, IOptions<OrchestrationSettings> settings, TimeProvider clock)
{
    public const string Key = "orchestration:configuring";
    public const string DesiredKey = "orchestration:configuring:desired";

    /// <summary>Watches the components (again) until their CFS configuration moves on (id → desired configuration).</summary>
    public async Task AddAsync(IReadOnlyDictionary<string, string> desiredConfigurations)
    {
        var score = (clock.GetUtcNow() + settings.Value.ConfigurationSweepInterval).ToUnixTimeMilliseconds();
        var batch = redis.CreateBatch();
        var writes = desiredConfigurations.SelectMany(c => new Task[]
        {
            batch.SortedSetAddAsync(Key, c.Key, score), batch.HashSetAsync(DesiredKey, c.Key, c.Value),
        }).ToList();
        await batch.ExecuteAsync();
        await Task.WhenAll(writes);
    }

    public Task<IReadOnlyList<string>> AllAsync() => redis.SortedSetRangeByScoreAsync(Key, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The desired configuration each watched component had when its saga last assessed it.</summary>
    public Task<IReadOnlyDictionary<string, string>> DesiredConfigurationsAsync() => redis.HashGetAllAsync(DesiredKey);

    /// <summary>Those whose differing desired_config counts as news by now.</summary>
    public async Task<IReadOnlySet<string>> MismatchDueAsync() =>
        (await redis.SortedSetRangeByScoreAsync(Key, double.NegativeInfinity, clock.GetUtcNow().ToUnixTimeMilliseconds())).ToHashSet();

    public async Task RemoveAsync(IReadOnlyCollection<string> componentIds)
    {
        if (componentIds.Count == 0) return;
        var batch = redis.CreateBatch();
        var removed = componentIds.SelectMany(id => new Task[] { batch.SortedSetRemoveAsync(Key, id), batch.HashDeleteAsync(DesiredKey, id) }).ToList();
        await batch.ExecuteAsync();
        await Task.WhenAll(removed);
    }
}
