using Bos.Contracts.Resources;

namespace Bos.Contracts.Events;

/// <summary>
/// One component record created or changed, as its writer appends it to the outbox. <c>ChangedFields</c> names the
/// top-level fields whose values changed (e.g. "desired_state", "actual_state", "staged_state", "enabled", "status",
/// "last_action", "session"). <c>InputChanged</c> is true when the change is more than the orchestration's own
/// bookkeeping (phase, error, a power last action, event_stats, the desired BSS token): a new target, a report, enabled,
/// the status override, the session, the staged state, the retry policy or a non-power last action — what the component
/// engine and session completion act on. <c>Facts</c> holds what the relay needs of the record after the change;
/// entries of builds before it carry the whole record in <c>Component</c> instead.
/// </summary>
public sealed record ComponentChanged
{
    public required string ComponentId { get; init; }
    public required IReadOnlyList<string> ChangedFields { get; init; }

    /// <summary>The record as stored after the change: only in entries of earlier builds (now <see cref="Facts"/>).</summary>
    public Component? Component { get; init; }

    /// <summary>What the public events and the internal bus need of the record after the change.</summary>
    public ComponentFacts? Facts { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }
    public bool InputChanged { get; init; }

    /// <summary>The stored phase before the change (null when the record was created): for the public phase events.</summary>
    public string? PreviousPhase { get; init; }

    /// <summary>The computed status before the change (null when created): for the public failed / stable events.</summary>
    public string? PreviousStatus { get; init; }
}

/// <summary>
/// What the outbox relay needs of a component record after a change, computed by its writer, so the entry does not carry
/// the record (~1.3 KB more to write, append in Redis and parse again in the relay, for every change).
/// </summary>
public sealed record ComponentFacts
{
    public string Phase { get; init; } = "";

    /// <summary>The computed status (core's <c>ComponentStatusRule</c>).</summary>
    public string Status { get; init; } = "";

    public bool Enabled { get; init; }
    public string Error { get; init; } = "";

    /// <summary>The last action's name, null when none.</summary>
    public string? LastAction { get; init; }

    /// <summary>The session ("" when none).</summary>
    public string Session { get; init; } = "";

    /// <summary>For input changes: the hash of the fields that drive the component engine (core's <c>ComponentInputSummary</c>).</summary>
    public string? Fingerprint { get; init; }

    /// <summary>For input changes: the last action and its time when someone other than the power operators wrote it.</summary>
    public string? ExternalAction { get; init; }
}

/// <summary>A component record was deleted.</summary>
public sealed record ComponentDeleted
{
    public required string ComponentId { get; init; }
    public required DateTimeOffset DeletedAt { get; init; }
}
