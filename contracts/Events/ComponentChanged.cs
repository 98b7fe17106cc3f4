using Bos.Contracts.Resources;

namespace Bos.Contracts.Events;

/// <summary>
/// A component record was created or changed. <c>ChangedFields</c> names the top-level fields whose values changed
/// (e.g. "desired_state", "actual_state", "staged_state", "enabled", "status", "last_action", "session");
/// <c>Component</c> is the record as stored after the change.
/// </summary>
public sealed record ComponentChanged
{
    public required string ComponentId { get; init; }
    public required IReadOnlyList<string> ChangedFields { get; init; }
    public required Component Component { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}

/// <summary>A component record was deleted.</summary>
public sealed record ComponentDeleted
{
    public required string ComponentId { get; init; }
    public required DateTimeOffset DeletedAt { get; init; }
}
