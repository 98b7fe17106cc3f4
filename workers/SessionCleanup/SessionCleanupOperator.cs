using Bos.Contracts.Resources;
using Bos.Core.Options;
using Bos.Core.Sessions;
using Bos.Core.Time;

namespace Bos.Workers.SessionCleanup;

/// <summary>
/// Session cleanup (OP-19): deletes complete sessions (and their saved statuses) started longer than
/// cleanup_completed_session_ttl ago, as upstream's <c>DELETE /v2/sessions?status=complete&amp;min_age=&lt;ttl&gt;</c>.
/// A TTL whose number is 0 disables it. Tenant sessions are deleted too (Q-02 fixed, as in the API).
/// </summary>
public sealed class SessionCleanupOperator(SessionRepository sessions, IBosOptionsSource options, TimeProvider clock, ILogger<SessionCleanupOperator> logger)
{
    /// <summary>Returns how many sessions it deleted.</summary>
    public async Task<int> RunAsync()
    {
        var ttl = options.Current.CleanupCompletedSessionTtl;
        if (AgeString.Parse(ttl) <= TimeSpan.Zero) return 0;

        var old = new SessionFilter(null, ttl, null, SessionStatusLabels.Complete).Apply(await sessions.ListWithoutNodeListsAsync(), clock.GetUtcNow());
        var deleted = 0;
        foreach (var session in old)
            if (await sessions.DeleteAsync(session.Name!, session.Tenant)) deleted++;
        if (deleted > 0) logger.LogInformation("Deleted {Count} complete sessions older than {Ttl}", deleted, ttl);
        return deleted;
    }
}
