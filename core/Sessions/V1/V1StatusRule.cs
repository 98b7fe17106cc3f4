using Bos.Contracts.Resources;

namespace Bos.Core.Sessions.V1;

/// <summary>
/// The v1 status of a session (V1-04), derived from the records of its components: per boot set, per phase of the
/// v1 operation, the nodes in each category (not_started, in_progress, succeeded, failed, excluded) and the
/// metadata BOA used to keep. Phases: boot = boot, configure; reboot = shutdown, boot, configure; shutdown =
/// shutdown; configure = configure; configure is left out when the template disables CFS.
/// </summary>
public static class V1StatusRule
{
    public static readonly string[] Categories = ["not_started", "in_progress", "succeeded", "failed", "excluded"];

    public static IReadOnlyList<string> Phases(string v1Operation, SessionTemplate template)
    {
        IEnumerable<string> phases = v1Operation.ToLowerInvariant() switch
        {
            "reboot" => V1NodeProgress.Steps,
            "shutdown" => [V1NodeProgress.Shutdown],
            "configure" => [V1NodeProgress.Configure],
            _ => [V1NodeProgress.Boot, V1NodeProgress.Configure],
        };
        return phases.Where(p => p != V1NodeProgress.Configure || template.EnableCfs != false || v1Operation.Equals("configure", StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The boot set a session component belongs to: named in its node_list, else booting its image, else the first.</summary>
    public static string BootSetOf(Component component, SessionTemplate template)
    {
        var sets = template.BootSets ?? new Dictionary<string, BootSet>();
        foreach (var (name, set) in sets)
            if (set.NodeList?.Contains(component.Id) == true) return name;
        var kernel = component.DesiredState?.BootArtifacts?.Kernel is { Length: > 0 } k ? k : component.StagedState?.BootArtifacts?.Kernel ?? "";
        foreach (var (name, set) in sets)
            if (set.Path is { } path && kernel.Length > 0 && kernel.StartsWith(path[..(path.LastIndexOf('/') + 1)], StringComparison.Ordinal)) return name;
        return sets.Keys.FirstOrDefault() ?? "";
    }

    public static V1BootSetStatus BootSet(string bootSet, string v1Operation, Session session, SessionTemplate template, IReadOnlyList<Component> components)
    {
        var complete = session.Status?.Status == SessionStatusLabels.Complete;
        var nodes = components.Where(c => BootSetOf(c, template) == bootSet).ToList();
        var phases = Phases(v1Operation, template);
        var statuses = phases.Select(phase => Phase(phase, phases, session, nodes, complete)).ToList();
        return new V1BootSetStatus(bootSet, session.Name!, new V1Metadata
        {
            Complete = statuses.All(p => p.Metadata.Complete),
            InProgress = statuses.Any(p => p.Metadata.InProgress),
            ErrorCount = statuses.Sum(p => p.Metadata.ErrorCount),
            StartTime = session.Status?.StartTime,
            StopTime = complete ? session.Status?.EndTime : null,
        }, statuses);
    }

    public static V1SessionStatus Session(string v1Operation, Session session, SessionTemplate template, IReadOnlyList<Component> components)
    {
        var bootSets = (template.BootSets ?? new Dictionary<string, BootSet>()).Keys.ToList();
        var complete = session.Status?.Status == SessionStatusLabels.Complete;
        return new V1SessionStatus(session.Name!, bootSets, new V1Metadata
        {
            Complete = complete,
            InProgress = !complete,
            // A session that failed as a whole (setup: no nodes, an unsupported rootfs provider…) has no failed node
            // to count; its error counts once, so `cray bos v1 session describe` does not show a clean run.
            ErrorCount = bootSets.Sum(b => BootSet(b, v1Operation, session, template, components).Metadata.ErrorCount)
                + (session.Status?.Error is { Length: > 0 } ? 1 : 0),
            StartTime = session.Status?.StartTime,
            StopTime = session.Status?.EndTime,
        });
    }

    private static V1Phase Phase(string phase, IReadOnlyList<string> phases, Session session, IReadOnlyList<Component> nodes, bool complete)
    {
        var lists = Categories.ToDictionary(c => c, _ => new List<string>());
        var errors = new Dictionary<string, List<string>>();
        var index = phases.ToList().IndexOf(phase);
        foreach (var node in nodes)
        {
            var (step, state) = V1NodeProgress.Of(node, session.Name!, complete);
            // The phase of this operation the node's step falls in (a boot's power-off is part of its boot phase).
            var current = Enumerable.Range(0, phases.Count).FirstOrDefault(i => Array.IndexOf(V1NodeProgress.Steps, phases[i]) >= step, phases.Count - 1);
            var category = state switch
            {
                V1NodeProgress.State.Excluded => "excluded",
                V1NodeProgress.State.Succeeded => "succeeded",
                _ when index < current => "succeeded",
                _ when index > current => "not_started",
                V1NodeProgress.State.Failed => "failed",
                _ => "in_progress",
            };
            lists[category].Add(node.Id!);
            if (category is "failed" && node.Error is { Length: > 0 } error)
                (errors.TryGetValue(error, out var list) ? list : errors[error] = []).Add(node.Id!);
        }
        return new V1Phase(phase, new V1Metadata
        {
            Complete = lists["not_started"].Count == 0 && lists["in_progress"].Count == 0,
            InProgress = lists["in_progress"].Count > 0,
            ErrorCount = lists["failed"].Count,
            StartTime = session.Status?.StartTime,
            StopTime = complete ? session.Status?.EndTime : null,
        }, Categories.Select(c => new V1Category(c, lists[c])).ToList(),
            errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value));
    }
}
