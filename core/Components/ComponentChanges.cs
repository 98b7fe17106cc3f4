using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Integration;

namespace Bos.Core.Components;

/// <summary>Which top-level fields differ between two versions of a record (records compare by value).</summary>
public static class ComponentChanges
{
    public static IReadOnlyList<string> Between(Component? before, Component after)
    {
        var changed = new List<string>();
        if (before is null) changed.Add("created");
        if (before?.ActualState != after.ActualState) changed.Add("actual_state");
        if (before?.DesiredState != after.DesiredState) changed.Add("desired_state");
        if (before?.StagedState != after.StagedState) changed.Add("staged_state");
        if (before?.LastAction != after.LastAction) changed.Add("last_action");
        if (before?.EventStats != after.EventStats) changed.Add("event_stats");
        if (before?.Status != after.Status) changed.Add("status");
        if (before?.Enabled != after.Enabled) changed.Add("enabled");
        if (before?.Error != after.Error) changed.Add("error");
        if (before?.Session != after.Session) changed.Add("session");
        if (before?.RetryPolicy != after.RetryPolicy) changed.Add("retry_policy");
        return changed;
    }

    /// <summary>
    /// Whether a change is of interest beyond the record: to the engine and session completion (an input change, which
    /// crosses the internal bus) or to other services (a phase, failed or stable transition: the public events). Only
    /// such a change is appended to the outbox; the rest (a power operator's last action and attempt, an error, a BSS
    /// token) is bookkeeping that the relay would read and drop.
    /// </summary>
    public static bool Announced(ComponentChanged change) => change.InputChanged || PublicEventMapper.ComponentTransitions(change).Any();
}
