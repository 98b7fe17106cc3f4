using Bos.Contracts.Resources;
using Bos.Core.Components;

namespace Bos.Api.Components;

/// <summary>
/// The query of GET /v2/components (API-41): its filters and paging, bound from the query string after the spec
/// validated it. Each given filter applies (Bos fixes Q-03: `enabled=false` or `phase=` alone filter too, instead
/// of being ignored).
/// </summary>
public sealed record ComponentQuery(bool? Enabled, string? Session, string? StagedSession, string? Phase, IReadOnlySet<string>? Statuses)
{
    /// <summary>`ids`: distinct, in id order; null when not given (or empty).</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>`start_after_id`: only ids after this one (ordinal).</summary>
    public string? StartAfterId { get; init; }

    /// <summary>`page_size`: at most this many records; 0 for all.</summary>
    public int PageSize { get; init; }

    public static ValueTask<ComponentQuery> BindAsync(HttpContext http) => ValueTask.FromResult(From(http.Request.Query));

    public static ComponentQuery From(IQueryCollection query)
    {
        static string? Value(IQueryCollection q, string name) => q.TryGetValue(name, out var v) ? v.ToString() : null;
        var status = Value(query, "status");
        var ids = Value(query, "ids");
        return new ComponentQuery(
            Value(query, "enabled") is { } e ? bool.Parse(e) : null,
            Value(query, "session"),
            Value(query, "staged_session"),
            Value(query, "phase"),
            string.IsNullOrEmpty(status) ? null : status.Split(',').ToHashSet())
        {
            Ids = string.IsNullOrEmpty(ids) ? null : ids.Split(',').Where(i => i.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList(),
            StartAfterId = Value(query, "start_after_id"),
            PageSize = Value(query, "page_size") is { } p ? int.Parse(p) : 0,
        };
    }

    public bool Matches(Component c) =>
        (Enabled is null || (c.Enabled ?? false) == Enabled)
        && (Session is null || c.Session == Session)
        && (StagedSession is null || c.StagedState?.Session == StagedSession)
        && (Phase is null || (c.Status?.Phase ?? "") == Phase)
        && (Statuses is null || Statuses.Contains(ComponentStatusRule.Compute(c)));
}
