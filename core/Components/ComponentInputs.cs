using Bos.Contracts.Resources;

namespace Bos.Core.Components;

/// <summary>
/// Tells a change of a component's inputs (<see cref="Bos.Contracts.Events.ComponentChanged.InputChanged"/>) from the
/// orchestration's own bookkeeping: status phase, error, event_stats, the desired BSS token and a power last action.
/// </summary>
public static class ComponentInputs
{
    /// <summary>
    /// Whether anything but bookkeeping differs: every field of the record but error and event_stats, the status only
    /// by its override, the desired state without its BSS token (emptied by that, it counts as absent), and the last
    /// action unless a power action replaced it. Field by field, without copies: every component write asks, and copies
    /// of both records were ~3 % of the worker's allocations in a 10k reboot. A test holds this against the definition
    /// by copies, and fails when the record gains a field.
    /// </summary>
    public static bool Changed(Component? before, Component after)
    {
        if (before is null) return true;
        // A power action replacing another last action is bookkeeping; any other last action is someone's request.
        var lastActionIsBookkeeping = Actions.IsPowerAction(after.LastAction?.Action);
        return before.Id != after.Id
               || before.ActualState != after.ActualState
               || !SameWithoutToken(before.DesiredState, after.DesiredState)
               || before.StagedState != after.StagedState
               || (!lastActionIsBookkeeping && before.LastAction != after.LastAction)
               || Override(before.Status) != Override(after.Status)
               || before.Enabled != after.Enabled
               || before.Session != after.Session
               || before.RetryPolicy != after.RetryPolicy;
    }

    private static string? Override(ComponentStatus? status) => string.IsNullOrEmpty(status?.StatusOverride) ? null : status.StatusOverride;

    private static bool SameWithoutToken(DesiredState? a, DesiredState? b)
    {
        var (aAbsent, bAbsent) = (IsAbsentWithoutToken(a), IsAbsentWithoutToken(b));
        if (aAbsent || bAbsent) return aAbsent == bAbsent;
        return a!.BootArtifacts == b!.BootArtifacts && a.Configuration == b.Configuration && a.LastUpdated == b.LastUpdated;
    }

    private static bool IsAbsentWithoutToken(DesiredState? d) => d is null || (d.BootArtifacts is null && d.Configuration is null && d.LastUpdated is null);
}
