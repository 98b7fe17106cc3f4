using Bos.Contracts.Resources;

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
}
