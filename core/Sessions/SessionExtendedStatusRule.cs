using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Time;

namespace Bos.Core.Sessions;

/// <summary>
/// The extended status of a session (DM-70), computed from its components: the one function the API (API-39/40)
/// and the session-completion operator use.
/// </summary>
public static class SessionExtendedStatusRule
{
    public const int MaxIdsInErrorSummary = 10;

    /// <param name="session">The session record.</param>
    /// <param name="components">Candidate components (already restricted to the tenant's); others are ignored.</param>
    /// <param name="now">The time an unfinished session's duration runs to.</param>
    public static SessionExtendedStatus Compute(Session session, IEnumerable<Component> components, DateTimeOffset now)
    {
        var all = components.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var members = all.Where(c => c.Session == session.Name).ToList();           // C
        var staged = all.Where(c => c.StagedState?.Session == session.Name).ToList(); // S
        var managed = members.Count + staged.Count;

        var successful = members.Count(c => ComponentStatusRule.Compute(c) == Statuses.Stable);
        var failed = members.Count(c => ComponentStatusRule.Compute(c) == Statuses.Failed);
        // Phases count only enabled components that the status operator is not holding.
        var inPhase = members.Where(c => c.Enabled == true && c.Status?.StatusOverride != Statuses.OnHold)
            .GroupBy(c => c.Status?.Phase ?? "")
            .ToDictionary(g => g.Key, g => g.Count());

        double Percent(int count) => managed == 0 ? 0.0 : Math.Round(count * 100.0 / managed, 2, MidpointRounding.ToEven);
        int InPhase(string phase) => inPhase.GetValueOrDefault(phase);

        return new SessionExtendedStatus
        {
            ManagedComponentsCount = managed,
            Phases = new SessionExtendedStatusPhases
            {
                PercentComplete = Percent(successful + failed),
                PercentPoweringOn = Percent(InPhase(Phases.PoweringOn)),
                PercentPoweringOff = Percent(InPhase(Phases.PoweringOff)),
                PercentConfiguring = Percent(InPhase(Phases.Configuring)),
            },
            PercentStaged = Percent(staged.Count),
            PercentSuccessful = Percent(successful),
            PercentFailed = Percent(failed),
            ErrorSummary = ErrorSummary(members),
            Timing = Timing(session.Status, now),
            Status = session.Status?.Status,
        };
    }

    /// <summary>Components grouped by error text; ids in id order (upstream's set order is arbitrary).</summary>
    private static Dictionary<string, SessionErrorComponents> ErrorSummary(IEnumerable<Component> members)
    {
        var summary = new Dictionary<string, SessionErrorComponents>();
        foreach (var group in members.Where(c => !string.IsNullOrEmpty(c.Error)).GroupBy(c => c.Error!))
        {
            var ids = group.Select(c => c.Id!).Distinct().ToList();
            var list = string.Join(',', ids.Take(MaxIdsInErrorSummary)) + (ids.Count > MaxIdsInErrorSummary ? "..." : "");
            summary[group.Key] = new SessionErrorComponents { Count = ids.Count, List = list };
        }
        return summary;
    }

    /// <summary>Duration runs to end_time when set, else to now; unknown when start_time is unreadable.</summary>
    private static SessionExtendedStatusTiming Timing(SessionStatus? status, DateTimeOffset now)
    {
        string? duration = null;
        if (Timestamps.TryParse(status?.StartTime, out var start))
        {
            var end = !string.IsNullOrEmpty(status?.EndTime) && Timestamps.TryParse(status.EndTime, out var e) ? e : now;
            duration = PythonTimedelta.Format(end - start);
        }
        return new SessionExtendedStatusTiming { StartTime = status?.StartTime, EndTime = status?.EndTime, Duration = duration };
    }
}
