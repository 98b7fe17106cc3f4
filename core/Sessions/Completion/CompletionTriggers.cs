using Bos.Contracts.Events;
using Bos.Contracts.Resources;

namespace Bos.Core.Sessions.Completion;

/// <summary>
/// Which events can make a running session complete (<see cref="SessionCompletionRule"/>), so completion is checked
/// only then: a component of a session became disabled, a component changed session or staged state (the session it
/// left is not in the event), a component was deleted, or a session became running (its components may all have
/// settled before that). A change from an earlier build that does not say whether the component is enabled or which
/// session it is in (null) may complete one: the check is cheap and coalesced.
/// </summary>
public static class CompletionTriggers
{
    public static bool MayComplete(ComponentInputChange change) =>
        change.ChangedFields.Contains("session")
        || change.ChangedFields.Contains("staged_state")
        || (change.ChangedFields.Contains("enabled") && change.Enabled != true && change.Session != "");

    public static bool MayComplete(SessionUpdated update) => update.Session.Status?.Status == SessionStatusLabels.Running;
}
