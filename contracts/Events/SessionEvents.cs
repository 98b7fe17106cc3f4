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

/// <summary>A session record changed (PATCH: status and/or components); <c>Session</c> is the record after the change.</summary>
public sealed record SessionUpdated
{
    public required string SessionName { get; init; }
    public string? Tenant { get; init; }
    public required Session Session { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A session and its saved extended status were deleted.</summary>
public sealed record SessionDeleted
{
    public required string SessionName { get; init; }
    public string? Tenant { get; init; }
    public required DateTimeOffset DeletedAt { get; init; }
}
