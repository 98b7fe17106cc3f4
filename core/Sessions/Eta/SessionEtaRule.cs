using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Time;

namespace Bos.Core.Sessions.Eta;

/// <summary>
/// The estimated completion of a running session (issue #17), from durations observed, never guessed:
/// <list type="number">
/// <item>this session: each finished node (stable or failed) took from the session's start to its record's last
/// timestamp (its last action or its last reported state); the session is expected to end when that 90th-percentile
/// duration has passed since the start (nodes run in parallel, so the slow tail decides), and never before now;</item>
/// <item>else recent sessions: the median duration of the last complete sessions of the same template and operation;</item>
/// <item>else no estimate.</item>
/// </list>
/// The last timestamp of a finished node is its boot report or last power action, so a CFS configuration after it is
/// not counted: the explanation says what the estimate rests on.
/// </summary>
public static class SessionEtaRule
{
    public const double Percentile = 0.9;

    /// <summary>How many recent sessions count at most (the newest).</summary>
    public const int RecentSessionsTaken = 5;

    /// <param name="session">The session.</param>
    /// <param name="members">Its components (those naming it in <c>session</c>).</param>
    /// <param name="others">Other sessions (the recent ones are picked from them).</param>
    /// <param name="now">The current time.</param>
    public static SessionEta Estimate(Session session, IReadOnlyCollection<Component> members, IEnumerable<Session> others, DateTimeOffset now)
    {
        if (session.Status?.Status == SessionStatusLabels.Complete)
            return new SessionEta
            {
                EstimatedEndTime = session.Status.EndTime, RemainingSeconds = 0, Basis = SessionEtaBases.Complete,
                Explanation = "The session is complete.",
            };
        if (!Timestamps.TryParse(session.Status?.StartTime, out var start))
            return NoEstimate("The session has no readable start time.");

        var finished = members.Where(IsFinished).Select(c => LastTimestamp(c) - start).Where(d => d >= TimeSpan.Zero).ToList();
        if (finished.Count > 0)
        {
            var typical = Quantile(finished, Percentile);
            var remaining = members.Count(c => !IsFinished(c));
            return Ending(start + typical, now, SessionEtaBases.ThisSession, finished.Count,
                $"{finished.Count} of {members.Count} nodes finished; 90% of them within {Seconds(typical)} s of the session's start "
                + $"(to their last action or boot report); {remaining} nodes are still running.");
        }

        var recent = others
            .Where(o => o.Name != session.Name && o.Tenant == session.Tenant && o.TemplateName == session.TemplateName && o.Operation == session.Operation)
            .Where(o => o.Status?.Status == SessionStatusLabels.Complete && string.IsNullOrEmpty(o.Status.Error))
            .Select(o => (Ok: Timestamps.TryParse(o.Status!.StartTime, out var s) & Timestamps.TryParse(o.Status.EndTime, out var e), Start: s, End: e))
            .Where(o => o.Ok && o.End >= o.Start)
            .OrderByDescending(o => o.End)
            .Take(RecentSessionsTaken)
            .Select(o => o.End - o.Start)
            .ToList();
        if (recent.Count > 0)
        {
            var typical = Quantile(recent, 0.5);
            return Ending(start + typical, now, SessionEtaBases.RecentSessions, recent.Count,
                $"No node of this session has finished yet; the last {recent.Count} complete sessions of template "
                + $"'{session.TemplateName}' with operation {session.Operation} took {Seconds(typical)} s (median).");
        }
        return NoEstimate("No node of this session has finished yet and no recent session of its template and operation completed.");
    }

    private static bool IsFinished(Component c) => ComponentStatusRule.Compute(c) is Statuses.Stable or Statuses.Failed;

    private static DateTimeOffset LastTimestamp(Component c)
    {
        var latest = DateTimeOffset.MinValue;
        foreach (var text in new[] { c.LastAction?.LastUpdated, c.ActualState?.LastUpdated })
            if (Timestamps.TryParse(text, out var at) && at > latest) latest = at;
        return latest;
    }

    private static SessionEta Ending(DateTimeOffset expected, DateTimeOffset now, string basis, int samples, string explanation)
    {
        // An estimate already passed means "any moment now": never an end in the past.
        var end = expected < now ? now : expected;
        return new SessionEta
        {
            EstimatedEndTime = Timestamps.Format(end), RemainingSeconds = Math.Round((end - now).TotalSeconds, 1),
            Basis = basis, Samples = samples, Explanation = explanation,
        };
    }

    private static SessionEta NoEstimate(string why) => new() { Basis = SessionEtaBases.None, Explanation = why };

    /// <summary>The nearest-rank quantile.</summary>
    private static TimeSpan Quantile(List<TimeSpan> values, double q)
    {
        values.Sort();
        return values[Math.Clamp((int)Math.Ceiling(q * values.Count) - 1, 0, values.Count - 1)];
    }

    private static string Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
