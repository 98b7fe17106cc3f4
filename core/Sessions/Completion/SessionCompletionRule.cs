using Bos.Contracts.Resources;

namespace Bos.Core.Sessions.Completion;

/// <summary>
/// When a running session is complete (OP-60, MT-09): no enabled component still names it in <c>session</c> and no
/// component names it in <c>staged_state.session</c>; for a tenant session, counting only the tenant's components.
/// <para>
/// Q-07 kept: with clear_stage=false (the default) applying a staged session leaves its name in
/// <c>staged_state.session</c>, so such a session stays running until those components are staged again or the
/// session is deleted. The staged state can still be applied again, so the session still has work it can cause;
/// set clear_stage=true for staged sessions to complete once applied and their components settle.
/// </para>
/// </summary>
public sealed class SessionCompletionRule
{
    private readonly Dictionary<string, List<string>> _keepingAlive = new(StringComparer.Ordinal);

    private SessionCompletionRule()
    {
    }

    /// <summary>Indexes the components that keep sessions running, by session name.</summary>
    public static SessionCompletionRule Of(IEnumerable<Component> components)
    {
        var rule = new SessionCompletionRule();
        foreach (var component in components) rule.Add(component);
        return rule;
    }

    /// <summary>An empty rule, fed component by component with <see cref="Add(Component)"/>.</summary>
    public static SessionCompletionRule Empty() => new();

    /// <summary>Adds a component; returns the names of the sessions it keeps running (none, one or two).</summary>
    public IReadOnlyList<string> Add(Component component)
    {
        var keeps = new List<string>(2);
        if (component.Enabled == true && !string.IsNullOrEmpty(component.Session)) keeps.Add(component.Session);
        // A component staged for the session it already runs counts once.
        if (component.StagedState?.Session is { Length: > 0 } staged && !(component.Enabled == true && staged == component.Session))
            keeps.Add(staged);
        foreach (var session in keeps) Add(session, component.Id!);
        return keeps;
    }

    /// <summary>Ids of the components keeping a session of this name running (any tenant).</summary>
    public IReadOnlyList<string> KeepingAlive(string sessionName) => _keepingAlive.GetValueOrDefault(sessionName) ?? [];

    /// <param name="session">A running session.</param>
    /// <param name="tenantNodes">The session tenant's components (empty for a tenant that no longer exists); null when untenanted.</param>
    public bool IsComplete(Session session, IReadOnlySet<string>? tenantNodes)
    {
        var alive = KeepingAlive(session.Name!);
        return tenantNodes is null ? alive.Count == 0 : !alive.Any(tenantNodes.Contains);
    }

    private void Add(string session, string id)
    {
        if (!_keepingAlive.TryGetValue(session, out var ids)) _keepingAlive[session] = ids = [];
        ids.Add(id);
    }
}
