using System.Globalization;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bos.Core.Audit;

/// <summary>
/// The audit log of user-initiated writes (Bos extension, issue #17): a Redis stream ("audit") of JSON entries whose
/// ids are the server's write times in ms, trimmed to about the configured length on every append (XADD MAXLEN ~),
/// so a time range is an id range.
/// </summary>
public sealed class AuditLog(IRedisStore redis, IOptions<AuditOptions> options, ILogger<AuditLog> logger)
{
    public const string Key = "audit";
    private const string Field = "e";
    private const int Page = 500;

    /// <summary>Appends an entry. Never throws: a write that happened is not turned into a failure by its audit.</summary>
    public async Task AppendAsync(AuditEntry entry)
    {
        if (!options.Value.Enabled) return;
        try
        {
            await redis.StreamAddAsync(Key, Field, BosJson.Serialize(entry), Math.Max(1, options.Value.MaxEntries));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not record the audit entry of {Action} ({Status})", entry.Action, entry.Status);
        }
    }

    /// <summary>Up to <paramref name="limit"/> matching entries written in [since, until], newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(DateTimeOffset? since, DateTimeOffset? until, AuditFilter filter, int limit)
    {
        var result = new List<AuditEntry>();
        var min = since is { } s ? s.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "-";
        var max = until is { } u ? u.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "-" + ulong.MaxValue.ToString(CultureInfo.InvariantCulture) : "+";
        while (result.Count < limit)
        {
            var page = await redis.StreamRangeDescendingAsync(Key, Field, min, max, Page);
            foreach (var (_, value) in page)
                if (value is not null && BosJson.Deserialize<AuditEntry>(value) is var entry && filter.Matches(entry) && result.Count < limit)
                    result.Add(entry);
            if (page.Count < Page) break;
            max = "(" + page[^1].Id;
        }
        return result;
    }
}
