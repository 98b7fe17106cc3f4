using Bos.Contracts.Resources;

namespace Bos.Core.Components;

/// <summary>
/// The one state a node of a session is drawn in by the dashboard's grid (issue #17): where it is in the session,
/// from the computed status and the phase the extended status counts (DM-70).
/// </summary>
public static class NodeDisplayStateRule
{
    public const string Pending = "pending";
    public const string PoweringOff = "powering_off";
    public const string PoweringOn = "powering_on";
    public const string Configuring = "configuring";
    public const string Stable = "stable";
    public const string Failed = "failed";
    public const string Staged = "staged";

    /// <summary>Every state, in the order of their one-character codes ("0" = pending …) on the wire.</summary>
    public static IReadOnlyList<string> Legend { get; } = new[] { Pending, PoweringOff, PoweringOn, Configuring, Stable, Failed, Staged };

    /// <summary>
    /// Staged for the session (not yet applied): staged. Otherwise failed by its computed status; else its phase while
    /// the status operator works on it; else stable once the operator let it go (disabled); else pending (on hold, or
    /// enabled without a phase yet: the extended status already counts such a node as successful, the grid waits).
    /// </summary>
    public static string Of(Component component, string session)
    {
        if (component.Session != session) return component.StagedState?.Session == session ? Staged : Pending;
        var status = ComponentStatusRule.Compute(component);
        if (status == Statuses.Failed) return Failed;
        if (status == Statuses.OnHold) return Pending;
        return component.Status?.Phase switch
        {
            Phases.PoweringOff => PoweringOff,
            Phases.PoweringOn => PoweringOn,
            Phases.Configuring => Configuring,
            _ => component.Enabled == true ? Pending : Stable,
        };
    }

    /// <summary>The state's code: its index in <see cref="Legend"/> as one digit.</summary>
    public static char Code(string state) => (char)('0' + Array.IndexOf((string[])Legend, state));
}
