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
        var tally = new Tally(session.Name);
        foreach (var component in components) tally.Add(component);
        return tally.Result(session, now);
    }

    /// <summary>
    /// The rule over components read one at a time: counts, and the ids of errored components only, so a session of
    /// 100,000 components is not held in memory to compute its status (at the end of a 100k reboot that list was the
    /// worker's largest allocation).
    /// </summary>
    public sealed class Tally(string? sessionName)
    {
        private int _members;
        private int _staged;
        private int _successful;
        private int _failed;
        private readonly Dictionary<string, int> _inPhase = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _errored = new(StringComparer.Ordinal);

        public void Add(Component c)
        {
            if (c.StagedState?.Session == sessionName) _staged++;                                 // S
            if (c.Session != sessionName) return;                                               // C
            _members++;
            var status = ComponentStatusRule.Compute(c);
            if (status == Statuses.Stable) _successful++;
            else if (status == Statuses.Failed) _failed++;
            // Phases count only enabled components that the status operator is not holding.
            if (c.Enabled == true && c.Status?.StatusOverride != Statuses.OnHold)
            {
                var phase = c.Status?.Phase ?? "";
                _inPhase[phase] = _inPhase.GetValueOrDefault(phase) + 1;
            }
            if (string.IsNullOrEmpty(c.Error)) return;
            if (!_errored.TryGetValue(c.Error, out var ids)) _errored[c.Error] = ids = new HashSet<string>(StringComparer.Ordinal);
            ids.Add(c.Id!);
        }

        public SessionExtendedStatus Result(Session session, DateTimeOffset now)
        {
            var managed = _members + _staged;
            double Percent(int count) => managed == 0 ? 0.0 : Math.Round(count * 100.0 / managed, 2, MidpointRounding.ToEven);
            int InPhase(string phase) => _inPhase.GetValueOrDefault(phase);

            return new SessionExtendedStatus
            {
                ManagedComponentsCount = managed,
                Phases = new SessionExtendedStatusPhases
                {
                    PercentComplete = Percent(_successful + _failed),
                    PercentPoweringOn = Percent(InPhase(Phases.PoweringOn)),
                    PercentPoweringOff = Percent(InPhase(Phases.PoweringOff)),
                    PercentConfiguring = Percent(InPhase(Phases.Configuring)),
                },
                PercentStaged = Percent(_staged),
                PercentSuccessful = Percent(_successful),
                PercentFailed = Percent(_failed),
                ErrorSummary = ErrorSummary(),
                Timing = Timing(session.Status, now),
                Status = session.Status?.Status,
            };
        }

        /// <summary>
        /// Components grouped by error text; ids in id order (upstream's set order is arbitrary), the groups in the
        /// order of their first id.
        /// </summary>
        private Dictionary<string, SessionErrorComponents> ErrorSummary() => _errored
            .Select(e => (Error: e.Key, Ids: e.Value.Order(StringComparer.Ordinal).ToList()))
            .OrderBy(e => e.Ids[0], StringComparer.Ordinal)
            .ToDictionary(e => e.Error, e => new SessionErrorComponents
            {
                Count = e.Ids.Count,
                List = string.Join(',', e.Ids.Take(MaxIdsInErrorSummary)) + (e.Ids.Count > MaxIdsInErrorSummary ? "..." : ""),
            });
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
