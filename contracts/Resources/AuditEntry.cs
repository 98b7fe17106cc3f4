using System.Text.Json.Serialization;

namespace Bos.Contracts.Resources;

/// <summary>
/// One user-initiated write in the audit log (Bos extension, issue #17): when, who (the token's <c>sub</c>, or the
/// AMQP <c>user_id</c> of a command), for which tenant, what (method and path, or the command), on which resource,
/// and its outcome (status and, for a refusal, the problem's title).
/// </summary>
public sealed record AuditEntry
{
    public string? Time { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Subject { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Tenant { get; init; }

    /// <summary><c>rest</c> or <c>amqp</c>.</summary>
    public string? Channel { get; init; }

    /// <summary>"PATCH /v2/components/x1" or "command components.enable".</summary>
    public string? Action { get; init; }

    public string? ResourceType { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ResourceId { get; init; }

    public int Status { get; init; }

    /// <summary>The problem's title for a refusal, else null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Problem { get; init; }
}

/// <summary>The answer of GET /v2/audit: newest entry first.</summary>
public sealed record AuditAnswer(IReadOnlyList<AuditEntry> Entries);
