using Bos.Contracts.Resources;

namespace Bos.Contracts.Events;

// Session lifecycle events, written to the outbox in the same transaction as the change. A session is identified
// by (SessionName, Tenant); Tenant is null for untenanted sessions.

/// <summary>A session was created (POST /v2/sessions); <c>Session</c> is the stored record.</summary>
public sealed record SessionCreated
{
    public required string SessionName { get; init; }
    public string? Tenant { get; init; }
    public required Session Session { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// A session record changed (PATCH: status and/or components); <c>Session</c> is the record after the change,
/// <c>PreviousStatus</c> its status label before. <c>ExtendedStatus</c> is the final extended status saved with the
/// change when the operators completed the session (null otherwise).
/// </summary>
public sealed record SessionUpdated
{
    public required string SessionName { get; init; }
    public string? Tenant { get; init; }
    public required Session Session { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public string? PreviousStatus { get; init; }
    public SessionExtendedStatus? ExtendedStatus { get; init; }
}

/// <summary>A session and its saved extended status were deleted.</summary>
public sealed record SessionDeleted
{
    public required string SessionName { get; init; }
    public string? Tenant { get; init; }
    public required DateTimeOffset DeletedAt { get; init; }
}
