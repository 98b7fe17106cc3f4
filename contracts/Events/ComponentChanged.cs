using Bos.Contracts.Resources;

namespace Bos.Contracts.Events;

/// <summary>
/// One component record created or changed. <c>ChangedFields</c> names the top-level fields whose values changed
/// (e.g. "desired_state", "actual_state", "staged_state", "enabled", "status", "last_action", "session");
/// <c>Component</c> is the record as stored after the change. <c>InputChanged</c> is true when the change is more than
/// the orchestration's own bookkeeping (phase, error, a power last action, event_stats, the desired BSS token): a new
/// target, a report, enabled, the status override, the session, the staged state, the retry policy or a non-power last
/// action — what the component engine and session completion act on.
/// </summary>
public sealed record ComponentChanged
{
    public required string ComponentId { get; init; }
    public required IReadOnlyList<string> ChangedFields { get; init; }
    public required Component Component { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
    public bool InputChanged { get; init; }

    /// <summary>The stored phase before the change (null when the record was created): for the public phase events.</summary>
    public string? PreviousPhase { get; init; }

    /// <summary>The computed status before the change (null when created): for the public failed / stable events.</summary>
    public string? PreviousStatus { get; init; }
}

/// <summary>A component record was deleted.</summary>
public sealed record ComponentDeleted
{
    public required string ComponentId { get; init; }
    public required DateTimeOffset DeletedAt { get; init; }
}
