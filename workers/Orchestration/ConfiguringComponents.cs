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

    // One ZADD and one HSET per 2,000 components added, one ZREM and one HDEL per 4,000 removed, where a pipelined command per component and key
    // cost Redis and the client a command each.
    private const string AddScript = """
        local score = ARGV[1]
        for a = 2, #ARGV, 4000 do
          local b = math.min(a + 3999, #ARGV)
          local scored = {}
          for i = a, b, 2 do scored[#scored + 1] = score; scored[#scored + 1] = ARGV[i] end
          redis.call('ZADD', KEYS[1], unpack(scored))
          redis.call('HSET', KEYS[2], unpack(ARGV, a, b))
        end
        return 1
        """;

    private const string RemoveScript = """
        for a = 1, #ARGV, 4000 do
          local b = math.min(a + 3999, #ARGV)
          redis.call('ZREM', KEYS[1], unpack(ARGV, a, b))
          redis.call('HDEL', KEYS[2], unpack(ARGV, a, b))
        end
        return 1
        """;

    /// <summary>Watches the components (again) until their CFS configuration moves on (id → desired configuration).</summary>
    public async Task AddAsync(IReadOnlyDictionary<string, string> desiredConfigurations)
    {
        if (desiredConfigurations.Count == 0) return;
        var score = (clock.GetUtcNow() + settings.Value.ConfigurationSweepInterval).ToUnixTimeMilliseconds();
        var args = new List<string>(1 + 2 * desiredConfigurations.Count) { score.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (id, configuration) in desiredConfigurations)
        {
            args.Add(id);
            args.Add(configuration);
        }
        await redis.EvaluateAsync(AddScript, [Key, DesiredKey], args);
    }

    public Task<IReadOnlyList<string>> AllAsync() => redis.SortedSetRangeByScoreAsync(Key, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The desired configuration each watched component had when its saga last assessed it.</summary>
    public Task<IReadOnlyDictionary<string, string>> DesiredConfigurationsAsync() => redis.HashGetAllAsync(DesiredKey);

    /// <summary>The desired configuration of each of <paramref name="ids"/> ("" where none is recorded).</summary>
    public async Task<IReadOnlyDictionary<string, string>> DesiredConfigurationsAsync(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0) return new Dictionary<string, string>();
        var values = await redis.HashGetManyAsync(DesiredKey, ids);
        var desired = new Dictionary<string, string>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++) desired[ids[i]] = values[i] ?? "";
        return desired;
    }

    /// <summary>Those whose differing desired_config counts as news by now.</summary>
    public async Task<IReadOnlySet<string>> MismatchDueAsync() =>
        (await redis.SortedSetRangeByScoreAsync(Key, double.NegativeInfinity, clock.GetUtcNow().ToUnixTimeMilliseconds())).ToHashSet();

    public async Task RemoveAsync(IReadOnlyCollection<string> componentIds)
    {
        if (componentIds.Count == 0) return;
        await redis.EvaluateAsync(RemoveScript, [Key, DesiredKey], componentIds.ToList());
    }
}
