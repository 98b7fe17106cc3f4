using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Redis;
using Microsoft.Extensions.Options;

namespace Bos.Core.Components;

/// <summary>
/// A component's history in Redis: a list per component ("component-history:{id}", newest first), appended and
/// trimmed by the component write script (<see cref="ComponentRepository"/>) and deleted with the component.
/// </summary>
public sealed class ComponentHistoryStore(IRedisStore redis, IOptions<ComponentHistoryOptions> options, TimeProvider clock)
{
    public static string Key(string id) => "component-history:" + id;

    /// <summary>The newest <paramref name="limit"/> entries younger than the configured age, newest first, each with its summary.</summary>
    public async Task<IReadOnlyList<ComponentHistoryEntry>> ReadAsync(string id, int limit)
    {
        var oldest = Bos.Core.Time.Timestamps.FormatPrecise(clock.GetUtcNow() - options.Value.MaxAge);
        var stored = await redis.ListRangeAsync(Key(id), 0, limit - 1);
        return stored.Select(BosJson.Deserialize<ComponentHistoryEntry>)
            // The times have one fixed format, so they compare as text.
            .Where(e => string.CompareOrdinal(e.Time, oldest) >= 0)
            .Select(e => e with { Summary = ComponentHistory.Summary(e) }).ToList();
    }
}
