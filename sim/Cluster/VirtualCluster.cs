namespace Bos.Simulator.Cluster;

/// <summary>
/// The nodes and their groupings. <see cref="Gate"/> is the one lock for all mutable simulation state (nodes, BSS,
/// CFS, PCS transitions): requests and timers are short, and one lock keeps cross-service changes consistent.
/// </summary>
public sealed class VirtualCluster
{
    private readonly Dictionary<string, VirtualNode> _byXname;

    public VirtualCluster(
        IReadOnlyList<VirtualNode> nodes,
        IReadOnlyList<NamedNodeSet> groups,
        IReadOnlyList<NamedNodeSet> partitions,
        IReadOnlyList<NamedNodeSet> tenants)
    {
        Nodes = nodes;
        Groups = groups;
        Partitions = partitions;
        Tenants = tenants;
        _byXname = nodes.ToDictionary(n => n.Xname, StringComparer.Ordinal);
    }

    public Lock Gate { get; } = new();

    /// <summary>Every node, in topology order.</summary>
    public IReadOnlyList<VirtualNode> Nodes { get; }

    public IReadOnlyList<NamedNodeSet> Groups { get; }

    public IReadOnlyList<NamedNodeSet> Partitions { get; }

    public IReadOnlyList<NamedNodeSet> Tenants { get; }

    public VirtualNode? Find(string xname) => _byXname.GetValueOrDefault(xname);
}
