using MassTransit;

namespace Bos.Workers.SessionCompletion;

/// <summary>
/// A request to check every running session for completion. Its message URN stays the one of the namespace it was
/// first declared in, so a check scheduled (in Redis) or queued by an earlier build is still consumed.
/// </summary>
[MessageUrn("Bos.Workers.Operators:CheckSessionCompletion")]
public sealed record CheckSessionCompletion(DateTimeOffset RequestedAt);
