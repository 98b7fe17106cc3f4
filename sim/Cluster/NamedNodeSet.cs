namespace Bos.Simulator.Cluster;

/// <summary>An HSM group or partition, or a TAPMS tenant: a name and its member xnames in topology order.</summary>
public sealed record NamedNodeSet(string Name, string Description, IReadOnlyList<string> Members);
