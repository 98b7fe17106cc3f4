using Bos.Contracts.Resources;
using Bos.Core.Options;

namespace Bos.Core.Components;

/// <summary>
/// The power action a component would get once its new state is written (the dry run's answer), read off the status
/// operator's own decision table (<see cref="StatusAssessment"/>, OP-30) so that the preview and the operators never
/// disagree: the phase the node would enter says what is done to it. CFS is taken as already agreeing, since only
/// power actions are previewed.
/// </summary>
public static class NodeActionRule
{
    /// <param name="written">The component record as it would be after the write.</param>
    /// <param name="power">PCS's bucket for the node: "on", "off", an error text, or null when PCS answered nothing.</param>
    public static string For(Component written, string? power)
    {
        if (power is not ("on" or "off")) return NodeActions.Unknown;
        var hypothetical = written with
        {
            // As just written by setup: not failed, no action under way.
            Status = null,
            LastAction = new LastAction { Action = Actions.SessionSetup, Failed = false },
        };
        var cfs = new CfsObservation(written.DesiredState?.Configuration ?? "", "configured");
        var phase = StatusAssessment.Assess(hypothetical, new HardwareObservation(power, cfs), BosOptions.Defaults, DateTimeOffset.UnixEpoch).Phase;
        return phase switch
        {
            Phases.PoweringOn => NodeActions.PowerOn,
            Phases.PoweringOff when string.IsNullOrEmpty(written.DesiredState?.BootArtifacts?.Kernel) => NodeActions.PowerOff,
            Phases.PoweringOff => NodeActions.Reboot,
            _ => NodeActions.None,
        };
    }
}
