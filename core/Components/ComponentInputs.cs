using Bos.Contracts.Resources;

namespace Bos.Core.Components;

/// <summary>
/// Tells a change of a component's inputs (<see cref="Bos.Contracts.Events.ComponentChanged.InputChanged"/>) from the
/// orchestration's own bookkeeping: status phase, error, event_stats, the desired BSS token and a power last action.
/// </summary>
public static class ComponentInputs
{
    public static bool Changed(Component? before, Component after)
    {
        if (before is null) return true;
        // A power action replacing another last action is bookkeeping; any other last action is someone's request.
        var lastActionIsBookkeeping = Actions.IsPowerAction(after.LastAction?.Action);
        return WithoutBookkeeping(before, lastActionIsBookkeeping) != WithoutBookkeeping(after, lastActionIsBookkeeping);
    }

    // What is left of a record without its bookkeeping; an object emptied by that counts as absent.
    private static Component WithoutBookkeeping(Component c, bool lastActionIsBookkeeping) => c with
    {
        Status = string.IsNullOrEmpty(c.Status?.StatusOverride) ? null : new ComponentStatus { StatusOverride = c.Status.StatusOverride },
        Error = null,
        EventStats = null,
        DesiredState = c.DesiredState is null || c.DesiredState with { BssToken = null } == new DesiredState() ? null : c.DesiredState with { BssToken = null },
        LastAction = lastActionIsBookkeeping ? null : c.LastAction,
    };
}
