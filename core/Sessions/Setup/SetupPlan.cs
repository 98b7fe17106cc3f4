using Bos.Contracts.Resources;
using Bos.Core.Clients;

namespace Bos.Core.Sessions.Setup;

/// <summary>
/// The component patches of one session's setup: its nodes in boot-set order (a node in several boot sets takes its
/// patch from the last that names it and its place from the first, Q-25) and the boot set each node's patch comes from.
/// A node's patch is its boot set's patch with the node's id, built when asked for: a 100,000-node session holds
/// 100,000 ids while it is written, not 100,000 patches (unless max_component_batch_size is 0: one chunk of all).
/// </summary>
public sealed class SetupPlan
{
    private readonly string[] _nodes;
    private readonly int[] _bootSetOf;
    private readonly (string Name, Component Patch)[] _bootSets;

    /// <param name="nodes">The nodes, distinct, in order.</param>
    /// <param name="bootSetOf">Each node's index into <paramref name="bootSets"/>.</param>
    /// <param name="bootSets">Each boot set's name and the patch its nodes get (its id is replaced by each node's).</param>
    /// <param name="nodesInSeveralBootSets">Nodes more than one boot set named.</param>
    internal SetupPlan(string[] nodes, int[] bootSetOf, (string Name, Component Patch)[] bootSets, IReadOnlyList<string> nodesInSeveralBootSets)
    {
        if (nodes.Length != bootSetOf.Length) throw new ArgumentException("One boot set per node", nameof(bootSetOf));
        (_nodes, _bootSetOf, _bootSets, NodesInSeveralBootSets) = (nodes, bootSetOf, bootSets, nodesInSeveralBootSets);
    }

    /// <summary>The nodes to write, in order.</summary>
    public IReadOnlyList<string> Nodes => _nodes;

    public IReadOnlyList<string> NodesInSeveralBootSets { get; }

    /// <summary>The patch of the <paramref name="index"/>th node.</summary>
    public Component PatchOf(int index) => _bootSets[_bootSetOf[index]].Patch with { Id = _nodes[index] };

    /// <summary>The boot set of the <paramref name="index"/>th node.</summary>
    public string BootSetOf(int index) => _bootSets[_bootSetOf[index]].Name;

    /// <summary>The patches in consecutive chunks of at most <paramref name="size"/> (0 or less: one chunk), each built as it is reached.</summary>
    public IEnumerable<IReadOnlyList<Component>> PatchChunks(int size)
    {
        var start = 0;
        foreach (var chunk in Batches.Of(_nodes, size))
        {
            yield return chunk.Select((_, k) => PatchOf(start + k)).ToList();
            start += chunk.Count;
        }
    }

    /// <summary>What setup logs when <see cref="NodesInSeveralBootSets"/> is not empty.</summary>
    public string OverlapWarning =>
        $"Nodes {string.Join(", ", NodesInSeveralBootSets)} are in several boot sets; each gets the state of the last of them";
}
