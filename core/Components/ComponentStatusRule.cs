using Bos.Contracts.Resources;

namespace Bos.Core.Components;

/// <summary>The computed component status (DM-40): the one function the API and the operators use.</summary>
public static class ComponentStatusRule
{
    public static string Compute(Component component)
    {
        var status = component.Status;
        if (!string.IsNullOrEmpty(status?.StatusOverride)) return status.StatusOverride;
        var action = component.LastAction?.Action;
        return (status?.Phase ?? "") switch
        {
            Phases.PoweringOn => action == Actions.PoweringOn && component.LastAction?.Failed != true
                ? Statuses.PowerOnCalled
                : Statuses.PowerOnPending,
            Phases.PoweringOff => action switch
            {
                Actions.PoweringOffGracefully => Statuses.PowerOffGracefullyCalled,
                Actions.PoweringOffForcefully => Statuses.PowerOffForcefullyCalled,
                _ => Statuses.PowerOffPending,
            },
            Phases.Configuring => Statuses.Configuring,
            _ => Statuses.Stable,
        };
    }

    /// <summary>The record as GET returns it: status computed, the internal artifacts timestamp removed.</summary>
    public static Component ForResponse(Component component) => component with
    {
        Status = (component.Status ?? new ComponentStatus { Phase = "", StatusOverride = "" }) with { Status = Compute(component) },
        ActualState = component.ActualState?.BootArtifacts?.Timestamp is null
            ? component.ActualState
            : component.ActualState with { BootArtifacts = component.ActualState.BootArtifacts with { Timestamp = null } },
    };
}
