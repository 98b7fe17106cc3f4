using Bos.Simulator.Options;

namespace Bos.Simulator.Cluster;

/// <summary>Builds the virtual cluster from the topology options, filling in the demo defaults.</summary>
public static class ClusterBuilder
{
    public static VirtualCluster Build(SimulatorOptions options, DateTimeOffset now)
    {
        var topology = options.Topology;
        if (topology.NodeCount < 1) throw new InvalidOperationException("Simulator:Topology:NodeCount must be at least 1");
        if (!topology.XnamePattern.Contains("{N}", StringComparison.Ordinal))
            throw new InvalidOperationException("Simulator:Topology:XnamePattern must contain {N}");

        var xnames = Enumerable.Range(0, topology.NodeCount)
            .Select(i => topology.XnamePattern.Replace("{N}", (topology.FirstIndex + i).ToString(), StringComparison.Ordinal))
            .ToList();
        var resolver = new NodeSetResolver(xnames);

        var roles = new Dictionary<string, (string Role, string? SubRole)>(StringComparer.Ordinal);
        foreach (var role in topology.Roles ?? DemoRoles())
            foreach (var xname in resolver.Resolve(role.Members, $"role {role.Role}"))
                roles[xname] = (role.Role, role.SubRole);
        var arm = resolver.Resolve(topology.ArmNodes ?? new NodeSetOptions { Range = "13-14" }, "ArmNodes").ToHashSet();
        var disabled = resolver.Resolve(topology.DisabledNodes, "DisabledNodes").ToHashSet();
        var locked = resolver.Resolve(topology.LockedNodes, "LockedNodes").ToHashSet();
        var startOn = options.InitialPowerState.Equals("on", StringComparison.OrdinalIgnoreCase);

        var nodes = new List<VirtualNode>(xnames.Count);
        for (var i = 0; i < xnames.Count; i++)
        {
            var xname = xnames[i];
            var (role, subRole) = roles.GetValueOrDefault(xname, (topology.DefaultRole, null));
            var node = new VirtualNode(xname, i + 1, role, subRole, arm.Contains(xname) ? "ARM" : "X86")
            {
                Enabled = !disabled.Contains(xname),
                Locked = locked.Contains(xname),
            };
            if (startOn)
            {
                node.EnterPhase(NodePhase.Up, now);
                node.Booted = new BootRecord(null, null, null, null, now);
                node.Record(now, "initially on", "booted before the simulation started; no BSS token");
            }
            else
            {
                node.EnterPhase(NodePhase.Off, now);
            }
            nodes.Add(node);
        }

        return new VirtualCluster(
            nodes,
            Sets(topology.Groups ?? DemoGroups(), resolver, "group"),
            Sets(topology.Partitions ?? [new GroupOptions { Label = "p1", Description = "every node", Range = $"1-{xnames.Count}" }], resolver, "partition"),
            (options.Tenants ?? DemoTenants()).Select(t => new NamedNodeSet(t.Name, "", resolver.Resolve(t.Members, $"tenant {t.Name}"))).ToList());
    }

    private static List<NamedNodeSet> Sets(IEnumerable<GroupOptions> sets, NodeSetResolver resolver, string kind) =>
        sets.Select(g => new NamedNodeSet(g.Label, g.Description, resolver.Resolve(g.Members, $"{kind} {g.Label}"))).ToList();

    private static List<GroupOptions> DemoGroups() =>
    [
        new() { Label = "blue", Description = "demo group: first half of the nodes", Range = "1-8" },
        new() { Label = "green", Description = "demo group: second half of the nodes", Range = "9-16" },
    ];

    private static List<RoleOptions> DemoRoles() => [new() { Role = "Application", SubRole = "UAN", Range = "15-16" }];

    private static List<TenantOptions> DemoTenants() => [new() { Name = "vcluster-blue", Range = "1-4" }];
}
