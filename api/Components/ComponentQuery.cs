using Bos.Contracts.Resources;
using Bos.Core.Components;

namespace Bos.Api.Components;

/// <summary>
/// The filters of GET /v2/components (API-41). Each given filter applies (Bos fixes Q-03: `enabled=false` or
/// `phase=` alone filter too, instead of being ignored).
/// </summary>
public sealed record ComponentQuery(bool? Enabled, string? Session, string? StagedSession, string? Phase, IReadOnlySet<string>? Statuses)
{
    public static ComponentQuery From(IQueryCollection query)
    {
        static string? Value(IQueryCollection q, string name) => q.TryGetValue(name, out var v) ? v.ToString() : null;
        var status = Value(query, "status");
        return new ComponentQuery(
            Value(query, "enabled") is { } e ? bool.Parse(e) : null,
            Value(query, "session"),
            Value(query, "staged_session"),
            Value(query, "phase"),
            string.IsNullOrEmpty(status) ? null : status.Split(',').ToHashSet());
    }

    public bool Matches(Component c) =>
        (Enabled is null || (c.Enabled ?? false) == Enabled)
        && (Session is null || c.Session == Session)
        && (StagedSession is null || c.StagedState?.Session == StagedSession)
        && (Phase is null || (c.Status?.Phase ?? "") == Phase)
        && (Statuses is null || Statuses.Contains(ComponentStatusRule.Compute(c)));
}
