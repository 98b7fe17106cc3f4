using Bos.Contracts.Resources;

namespace Bos.Core.Sessions.Setup;

/// <summary>What a session contributes to node resolution, the same for each of its boot sets.</summary>
/// <param name="Limit">The session's parsed limit.</param>
/// <param name="Locked">Nodes HSM reports locked.</param>
/// <param name="TenantNodes">The tenant's nodes (TAPMS); null for an untenanted session.</param>
public sealed record SessionNodeScope(LimitExpression Limit, IReadOnlySet<string> Locked, IReadOnlySet<string>? TenantNodes)
{
    public static SessionNodeScope Unrestricted { get; } = new(LimitExpression.None, new HashSet<string>(), null);
}

/// <summary>What HSM said about the candidate nodes (§3.6 steps 9 and 10).</summary>
/// <param name="Arch">Arch of every node HSM knows (null value: HSM sent none); nodes absent here are unknown to HSM.</param>
/// <param name="Enabled">Nodes HSM reports enabled; null when the session includes disabled nodes.</param>
public sealed record HsmNodeView(IReadOnlyDictionary<string, string?> Arch, IReadOnlySet<string>? Enabled);

/// <summary>
/// The nodes one boot set acts on (§3.6), in upstream's order: node_list, the tenant check of node_list, node_groups,
/// node_roles_groups, the limit, HSM locks, the tenant's nodes, architecture, HSM enabled. Pure: HSM and TAPMS
/// answers come in as values. Steps 1–8 need only the inventory (<see cref="Candidates"/>); steps 9–10 need HSM's
/// view of exactly those candidates (<see cref="ApplyHsm"/>).
/// </summary>
public static class BootSetNodes
{
    /// <summary>Steps 1–8. Unknown group or role names are reported in <paramref name="warnings"/>.</summary>
    /// <exception cref="SessionSetupException">A node_list entry is not the tenant's (MT-08).</exception>
    public static IReadOnlySet<string> Candidates(BootSet bootSet, NodeInventory inventory, SessionNodeScope scope,
        ICollection<string>? warnings = null)
    {
        var nodes = new HashSet<string>(bootSet.NodeList ?? [], StringComparer.Ordinal);
        if (nodes.Count > 0 && scope.TenantNodes is { } owned && nodes.Where(n => !owned.Contains(n)).ToList() is { Count: > 0 } foreign)
            throw new SessionSetupException(
                "The session template includes nodes which do not exist or are not available to this tenant: " + PythonSet(foreign));

        foreach (var label in bootSet.NodeGroups ?? [])
        {
            if (inventory.Groups.TryGetValue(label, out var members)) nodes.UnionWith(members);
            else warnings?.Add($"No hardware matching label {label}");
        }
        foreach (var role in bootSet.NodeRolesGroups ?? [])
        {
            if (inventory.Roles.TryGetValue(role, out var members)) nodes.UnionWith(members);
            else warnings?.Add($"No hardware matching role {role}");
        }
        if (nodes.Count == 0) return nodes;

        IEnumerable<string> selected = scope.Limit.Apply(nodes, inventory.Lookup);
        selected = selected.Where(n => !scope.Locked.Contains(n));
        if (scope.TenantNodes is { } tenantNodes) selected = selected.Where(tenantNodes.Contains);
        return selected.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Steps 9–10: nodes HSM knows with an architecture the boot set accepts, and enabled unless disabled ones are included.</summary>
    public static IReadOnlySet<string> ApplyHsm(IReadOnlySet<string> candidates, string? bootSetArch, HsmNodeView hsm) =>
        candidates
            .Where(n => hsm.Arch.TryGetValue(n, out var arch) && ArchMatch.Accepts(bootSetArch, arch))
            .Where(n => hsm.Enabled is null || hsm.Enabled.Contains(n))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>All ten steps for one boot set, when HSM's view is already at hand.</summary>
    public static IReadOnlySet<string> Resolve(BootSet bootSet, NodeInventory inventory, SessionNodeScope scope, HsmNodeView hsm,
        ICollection<string>? warnings = null) =>
        ApplyHsm(Candidates(bootSet, inventory, scope, warnings), bootSet.Arch, hsm);

    /// <summary>Ids as Python prints a set of strings, in id order: {'x1', 'x2'}.</summary>
    private static string PythonSet(IEnumerable<string> ids) =>
        "{" + string.Join(", ", ids.Order(StringComparer.Ordinal).Select(id => $"'{id}'")) + "}";
}
