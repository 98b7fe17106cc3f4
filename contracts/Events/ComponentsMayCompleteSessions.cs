namespace Bos.Contracts.Events;

/// <summary>
/// The message on the internal bus that asks session completion to look: a round of the outbox relay held component
/// changes that may complete a running session (core's <c>CompletionTriggers</c>: a component left its session, was
/// unstaged, or was disabled in one). Published once per such round beside its <see cref="ComponentsChanged"/>, so
/// session completion does not receive every change only to look for these.
/// </summary>
public sealed record ComponentsMayCompleteSessions
{
    /// <summary>How many of the round's changes may complete a session.</summary>
    public required int Changes { get; init; }

    /// <summary>When the last of them was committed.</summary>
    public required DateTimeOffset ChangedAt { get; init; }
}
