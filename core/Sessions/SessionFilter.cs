using Bos.Contracts.Resources;
using Bos.Core.Time;

namespace Bos.Core.Sessions;

/// <summary>
/// The selection of GET and DELETE /v2/sessions (API-34/35): tenant, status label and age of status.start_time.
/// <c>min_age=X</c> keeps sessions started at or before now−X, <c>max_age=X</c> those started at or after now−X;
/// a session without a readable start time never matches an age filter.
/// </summary>
public sealed record SessionFilter(string? Tenant, string? MinAge, string? MaxAge, string? Status)
{
    /// <summary>No criterion at all: upstream returns (and deletes, Q-01) every session of every tenant.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Tenant) && string.IsNullOrEmpty(MinAge) && string.IsNullOrEmpty(MaxAge)
                           && string.IsNullOrEmpty(Status);

    public IReadOnlyList<Session> Apply(IEnumerable<Session> sessions, DateTimeOffset now)
    {
        if (IsEmpty) return sessions.ToList();
        DateTimeOffset? startedAtOrBefore = string.IsNullOrEmpty(MinAge) ? null : now - AgeString.Parse(MinAge);
        DateTimeOffset? startedAtOrAfter = string.IsNullOrEmpty(MaxAge) ? null : now - AgeString.Parse(MaxAge);
        return sessions.Where(s => Matches(s, startedAtOrBefore, startedAtOrAfter)).ToList();
    }

    private bool Matches(Session session, DateTimeOffset? startedAtOrBefore, DateTimeOffset? startedAtOrAfter)
    {
        if (!string.IsNullOrEmpty(Tenant) && Tenant != session.Tenant) return false;
        if (!string.IsNullOrEmpty(Status) && Status != session.Status?.Status) return false;
        if (startedAtOrBefore is null && startedAtOrAfter is null) return true;
        if (!Timestamps.TryParse(session.Status?.StartTime, out var start)) return false;
        return (startedAtOrBefore is null || start <= startedAtOrBefore) && (startedAtOrAfter is null || start >= startedAtOrAfter);
    }
}
