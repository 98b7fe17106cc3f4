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

/// <summary>
/// A component changed in more than the orchestration's own bookkeeping (phase, error, a power last action,
/// event_stats, the desired BSS token): a new target, a report, enabled, the status override, the session, the staged
/// state, the retry policy or a non-power last action. Published with its <see cref="ComponentChanged"/> so that those
/// who act on such changes (the component orchestration, session completion) are not sent every echo of the
/// orchestration's writes. Same fields as <see cref="ComponentChanged"/>.
/// </summary>
public sealed record ComponentInputChanged
{
    public required string ComponentId { get; init; }
    public required IReadOnlyList<string> ChangedFields { get; init; }
    public required Component Component { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
