using Bos.Contracts.Resources;
using Bos.Core.Components;

namespace Bos.Core.Sessions.V1;

/// <summary>
/// Where one node of a v1 session stands, read from its component record: which of BOA's steps (shutdown, boot,
/// configure) it is in, and whether it is done, failed or taken over by another session.
/// </summary>
public static class V1NodeProgress
{
    public const string Shutdown = "shutdown", Boot = "boot", Configure = "configure";
    public static readonly string[] Steps = [Shutdown, Boot, Configure];

    public enum State { InProgress, Succeeded, Failed, Excluded }

    /// <summary>The step (index in <see cref="Steps"/>) and state of <paramref name="component"/> in session <paramref name="session"/>.</summary>
    public static (int Step, State State) Of(Component component, string session, bool sessionComplete)
    {
        if (component.Session != session) return (0, State.Excluded);
        var status = ComponentStatusRule.Compute(component);
        if (status == Statuses.Failed) return (FailedStep(component), State.Failed);
        if (sessionComplete || (status == Statuses.Stable && component.Enabled != true)) return (Steps.Length - 1, State.Succeeded);
        return status switch
        {
            Statuses.PowerOffPending or Statuses.PowerOffGracefullyCalled or Statuses.PowerOffForcefullyCalled => (0, State.InProgress),
            Statuses.PowerOnPending or Statuses.PowerOnCalled => (1, State.InProgress),
            Statuses.Configuring => (2, State.InProgress),
            _ => (0, State.InProgress), // on hold (just enabled) or stable while still enabled: being assessed
        };
    }

    private static int FailedStep(Component component) => component.LastAction?.Action switch
    {
        Actions.PoweringOffGracefully or Actions.PoweringOffForcefully => 0,
        Actions.PoweringOn => 1,
        _ => 2,
    };
}
