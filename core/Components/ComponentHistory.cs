using Bos.Contracts.Resources;
using Bos.Core.Time;

namespace Bos.Core.Components;

/// <summary>
/// What a component write adds to the component's history (Bos extension, issue #17): derived from the record before
/// and after the write, so every writer (API, operators, migration) records the same way, and appended by the same
/// script that stores the record (<see cref="ComponentRepository"/>), so the history never disagrees with the record.
/// Pure; <see cref="Summary"/> gives an entry's human-readable line when it is read.
/// </summary>
public static class ComponentHistory
{
    /// <summary>The entries of the write from <paramref name="before"/> (null: created) to <paramref name="after"/>, oldest first.</summary>
    public static IReadOnlyList<ComponentHistoryEntry> Between(Component? before, Component after, DateTimeOffset now)
    {
        var time = Timestamps.FormatPrecise(now);
        var session = string.IsNullOrEmpty(after.Session) ? null : after.Session;
        var entries = new List<ComponentHistoryEntry>();
        void Add(string kind, Dictionary<string, object?> details) =>
            entries.Add(new ComponentHistoryEntry { Time = time, Kind = kind, Session = session, Details = details });

        if (before is null)
        {
            Add(HistoryKinds.Created, new() { ["enabled"] = after.Enabled == true });
            return entries;
        }
        if (Text(before.Session) != Text(after.Session))
            Add(HistoryKinds.SessionChanged, new() { ["from"] = Text(before.Session), ["to"] = Text(after.Session) });
        if (before.Enabled != after.Enabled)
            Add(after.Enabled == true ? HistoryKinds.Enabled : HistoryKinds.Disabled, []);
        if (Differs(before.DesiredState, after.DesiredState))
            Add(HistoryKinds.DesiredStateChanged, new()
            {
                ["kernel"] = Text(after.DesiredState?.BootArtifacts?.Kernel), ["configuration"] = Text(after.DesiredState?.Configuration),
            });
        if (ActionTaken(before, after) && after.LastAction?.Action is { Length: > 0 } action)
        {
            var details = new Dictionary<string, object?> { ["action"] = action, ["failed"] = after.LastAction.Failed == true };
            if (Attempts(after.EventStats, action) is { } attempts) details["attempt"] = attempts;
            Add(Actions.IsPowerAction(action) ? HistoryKinds.PowerAction : HistoryKinds.Action, details);
        }
        if (Text(before.Status?.Phase) != Text(after.Status?.Phase))
            Add(HistoryKinds.PhaseChanged, new() { ["from"] = Text(before.Status?.Phase), ["to"] = Text(after.Status?.Phase) });
        if (Reported(before.ActualState) != Reported(after.ActualState))
        {
            if (string.IsNullOrEmpty(after.ActualState?.BootArtifacts?.Kernel))
                Add(HistoryKinds.ActualStateCleared, []);
            else
                Add(HistoryKinds.Report, new()
                {
                    ["kernel"] = after.ActualState.BootArtifacts.Kernel, ["bss_token"] = Text(after.ActualState.BssToken),
                });
        }
        if (Text(before.Error) != Text(after.Error))
        {
            if (string.IsNullOrEmpty(after.Error)) Add(HistoryKinds.ErrorCleared, new() { ["previous"] = before.Error });
            else Add(HistoryKinds.Error, new() { ["error"] = after.Error });
        }
        return entries;
    }

    /// <summary>The one human-readable line of an entry.</summary>
    public static string Summary(ComponentHistoryEntry entry)
    {
        string Detail(string key) => entry.Details?.GetValueOrDefault(key)?.ToString() ?? "";
        string Named(string key) => Detail(key) is { Length: > 0 } value ? value : "none";
        var failed = string.Equals(Detail("failed"), "true", StringComparison.OrdinalIgnoreCase);
        return entry.Kind switch
        {
            HistoryKinds.Created => "Component created" + (string.Equals(Detail("enabled"), "true", StringComparison.OrdinalIgnoreCase) ? " (enabled)" : " (disabled)"),
            HistoryKinds.SessionChanged when Detail("to").Length == 0 => $"Left session {Named("from")}",
            HistoryKinds.SessionChanged when Detail("from").Length == 0 => $"Taken by session {Named("to")}",
            HistoryKinds.SessionChanged => $"Taken over by session {Named("to")} from session {Named("from")}",
            HistoryKinds.Enabled => "Enabled",
            HistoryKinds.Disabled => "Disabled",
            HistoryKinds.DesiredStateChanged => $"Desired state: kernel {Named("kernel")}, configuration {Named("configuration")}",
            HistoryKinds.PowerAction or HistoryKinds.Action => $"{(entry.Kind == HistoryKinds.PowerAction ? "Power action" : "Action")} {Detail("action")}"
                + (Detail("attempt") is { Length: > 0 } attempt and not "0" ? $" (attempt {attempt})" : "") + (failed ? " failed" : ""),
            HistoryKinds.PhaseChanged => $"Phase {Named("from")} -> {Named("to")}",
            HistoryKinds.Report => $"Reported booted kernel {Named("kernel")}",
            HistoryKinds.ActualStateCleared => "Actual state cleared",
            HistoryKinds.Error => $"Error: {Detail("error")}",
            HistoryKinds.ErrorCleared => $"Error cleared (was: {Detail("previous")})",
            _ => entry.Kind ?? "",
        };
    }

    private static string Text(string? value) => value ?? "";

    // What a node reports: the booted artifacts and token. A report repeating them (only last_updated moves) is no event.
    private static (string, string, string, string) Reported(ActualState? state) =>
        (Text(state?.BootArtifacts?.Kernel), Text(state?.BootArtifacts?.KernelParameters), Text(state?.BootArtifacts?.Initrd), Text(state?.BssToken));

    private static bool Differs(DesiredState? a, DesiredState? b) =>
        Text(a?.BootArtifacts?.Kernel) != Text(b?.BootArtifacts?.Kernel) || Text(a?.BootArtifacts?.KernelParameters) != Text(b?.BootArtifacts?.KernelParameters)
        || Text(a?.BootArtifacts?.Initrd) != Text(b?.BootArtifacts?.Initrd) || Text(a?.Configuration) != Text(b?.Configuration);

    // A power action is written twice by its operator: first the bare last action (so a node never runs without it),
    // then, after the calls, its attempt count and error. The entry is the second write, when the count goes up (or
    // the action is marked failed); a new time alone is no new action. Any other last action is one write.
    private static bool ActionTaken(Component before, Component after)
    {
        if (string.IsNullOrEmpty(after.LastAction?.Action)) return false;
        if (!Actions.IsPowerAction(after.LastAction.Action)) return before.LastAction != after.LastAction;
        return (Attempts(after.EventStats, after.LastAction.Action) ?? 0) > (Attempts(before.EventStats, after.LastAction.Action) ?? 0)
               || (after.LastAction.Failed == true && before.LastAction?.Failed != true);
    }

    private static int? Attempts(EventStats? stats, string action) => action switch
    {
        Actions.PoweringOn => stats?.PowerOnAttempts,
        Actions.PoweringOffGracefully => stats?.PowerOffGracefulAttempts,
        Actions.PoweringOffForcefully => stats?.PowerOffForcefulAttempts,
        _ => null,
    };
}
