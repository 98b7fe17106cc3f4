namespace Bos.Contracts.Events;

/// <summary>
/// The message on the internal bus: the input changes of components committed since the previous one, in commit order
/// (a component may appear more than once). Published by the outbox relay, which packs what it finds waiting into
/// messages of up to <c>Outbox:ChangesPerMessage</c> (1,000), so a write of 10,000 components is a handful of messages, not 10,000.
/// </summary>
public sealed record ComponentsChanged
{
    public required IReadOnlyList<ComponentInputChange> Changes { get; init; }
}

/// <summary>
/// One input change of a component (<see cref="ComponentChanged.InputChanged"/>) as the internal bus carries it: what the
/// component engine and session completion decide on, not the record — they read the record from Redis when they need
/// it, so a message of 2,500 changes is ~0.4 MB less JSON for every consumer (the profile of a 10k reboot: the records
/// were most of the workers' CPU and large-object garbage). The fields after <see cref="ChangedAt"/> are null in
/// messages of builds before them: a consumer then reads the record.
/// </summary>
public sealed record ComponentInputChange
{
    public required string ComponentId { get; init; }

    /// <summary>The top-level fields whose values changed ("created" when the record is new).</summary>
    public required IReadOnlyList<string> ChangedFields { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>The record's <c>enabled</c> after the change.</summary>
    public bool? Enabled { get; init; }

    /// <summary>The record's session after the change ("" when none).</summary>
    public string? Session { get; init; }

    /// <summary>A hash of the fields that drive the component engine, after the change (core's <c>ComponentInputSummary</c>).</summary>
    public string? Fingerprint { get; init; }

    /// <summary>The last action and its time when someone other than the power operators wrote it, else null.</summary>
    public string? ExternalAction { get; init; }
}
