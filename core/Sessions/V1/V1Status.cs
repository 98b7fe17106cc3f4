using System.Text.Json.Serialization;

namespace Bos.Core.Sessions.V1;

// The v1 status documents (upstream's V1SessionStatus, V1BootSetStatus, V1PhaseStatus, V1PhaseCategoryStatus and
// V1GenericMetadata, V1-04), here derived from component records instead of written by BOA.

public sealed record V1Metadata
{
    public bool Complete { get; init; }
    public int ErrorCount { get; init; }
    public bool InProgress { get; init; }
    public string? StartTime { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopTime { get; init; }
}

public sealed record V1Category(string Name, IReadOnlyList<string> NodeList);

public sealed record V1Phase(string Name, V1Metadata Metadata, IReadOnlyList<V1Category> Categories,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Errors)
{
    public V1Category? Category(string name) => Categories.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}

public sealed record V1Link(string Rel, string Href);

public sealed record V1BootSetStatus(string Name, string Session, V1Metadata Metadata, IReadOnlyList<V1Phase> Phases)
{
    public IReadOnlyList<V1Link>? Links { get; init; }

    public V1Phase? Phase(string name) => Phases.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}

public sealed record V1SessionStatus(string Id, IReadOnlyList<string> BootSets, V1Metadata Metadata)
{
    public IReadOnlyList<V1Link>? Links { get; init; }
}
