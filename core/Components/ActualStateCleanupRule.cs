using Bos.Contracts.Resources;
using Bos.Core.Time;

namespace Bos.Core.Components;

/// <summary>
/// Actual-state cleanup (OP-17): a component whose reported boot artifacts are older than component_actual_state_ttl
/// (its node stopped reporting) gets its actual state emptied.
/// <para>
/// upstream also wrote <c>last_action = actual_state_cleanup</c> and cleared <c>error</c>, which could turn
/// <c>power_on_called</c> back into <c>power_on_pending</c> (a second power-on) and reset an operator's wait timers.
/// Bos writes <c>last_action</c> only when the component is in no phase — the computed status then does not depend
/// on it — and leaves <c>error</c> alone: cleanup is housekeeping, not an action on the node.
/// </para>
/// </summary>
public static class ActualStateCleanupRule
{
    /// <summary>Any reported boot artifact (kernel, kernel_parameters or initrd) is set.</summary>
    public static bool BootStateIsSet(Component component) =>
        component.ActualState?.BootArtifacts is { } a
        && (!string.IsNullOrEmpty(a.Kernel) || !string.IsNullOrEmpty(a.KernelParameters) || !string.IsNullOrEmpty(a.Initrd));

    /// <summary>Set and older than the TTL (or of unknown age).</summary>
    public static bool IsDue(Component component, TimeSpan ttl, DateTimeOffset now) =>
        BootStateIsSet(component)
        && (!Timestamps.TryParse(component.ActualState!.LastUpdated, out var updated) || now - updated > ttl);

    /// <summary>The cleanup patch for a component, or null when it is not due.</summary>
    public static Component? Patch(Component component, TimeSpan ttl, DateTimeOffset now)
    {
        if (!IsDue(component, ttl, now)) return null;
        var idle = string.IsNullOrEmpty(component.Status?.Phase);
        return new Component
        {
            Id = component.Id,
            ActualState = ActualState.Empty,
            LastAction = idle ? new LastAction { Action = Actions.ActualStateCleanup, Failed = false } : null,
        };
    }
}
