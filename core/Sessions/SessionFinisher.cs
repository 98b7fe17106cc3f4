using System.Diagnostics;
using Bos.Contracts.Resources;
using Bos.Core.Telemetry;
using Bos.Core.Time;

namespace Bos.Core.Sessions;

/// <summary>
/// Marks a session complete the way upstream's operators do (PATCH status complete + end_time [+ error], then
/// POST …/status): the transition and the saved extended status, in one write (DM-70, DB-07). Used by session setup
/// (failures) and session completion.
/// </summary>
public sealed class SessionFinisher(SessionRepository sessions, SessionStatusReader statusReader, TimeProvider clock)
{
    /// <summary>
    /// Completes the session if its status is still <paramref name="expectedStatus"/> (so a redelivered or
    /// concurrent request does nothing twice). Returns the completed session, or null when it was not in that
    /// status (or no longer exists).
    /// </summary>
    public async Task<Session?> CompleteAsync(string name, string? tenant, string expectedStatus, string? error, CancellationToken ct = default)
    {
        var transitioned = false;
        var endTime = Timestamps.Format(clock.GetUtcNow());
        // The extended status is computed from the completed record and saved in the same write (what GET …/status
        // serves from now on), so the completion event carries it.
        var updated = await sessions.UpdateAsync(name, tenant, session =>
        {
            transitioned = session.Status?.Status == expectedStatus;
            if (!transitioned) return session;
            var status = (session.Status ?? new SessionStatus()) with { Status = SessionStatusLabels.Complete, EndTime = endTime };
            if (error is not null) status = status with { Error = error };
            return session with { Status = status };
        }, completed => statusReader.ComputeAsync(completed, tenant, ct));
        if (updated is null || !transitioned) return null;
        RecordDuration(updated, endTime, error);
        return updated;
    }

    private static void RecordDuration(Session session, string endTime, string? error)
    {
        if (!BosMetrics.SessionDuration.Enabled || !Timestamps.TryParse(session.Status?.StartTime, out var start) || !Timestamps.TryParse(endTime, out var end)) return;
        BosMetrics.SessionDuration.Record(Math.Max(0, (end - start).TotalSeconds), new TagList
        {
            { "operation", session.Operation ?? "" }, { "outcome", error is null ? "success" : "error" },
        });
    }
}
