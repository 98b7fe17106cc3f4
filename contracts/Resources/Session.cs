using System.Text.Json.Serialization;

namespace Bos.Contracts.Resources;

// The session record (DM-50) as stored and returned. Upstream's generated model keeps every key, so `tenant`,
// `status.end_time` and `status.error` are written as null rather than left out.

public sealed record Session
{
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Tenant { get; init; }

    public string? Operation { get; init; }
    public string? TemplateName { get; init; }
    public string? Limit { get; init; }
    public bool? Stage { get; init; }
    public string? Components { get; init; }
    public bool? IncludeDisabled { get; init; }
    public SessionStatus? Status { get; init; }
}

public sealed record SessionStatus
{
    public string? StartTime { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? EndTime { get; init; }

    public string? Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Error { get; init; }
}

/// <summary>Session operations (DM-33).</summary>
public static class SessionOperations
{
    public const string Boot = "boot";
    public const string Reboot = "reboot";
    public const string Shutdown = "shutdown";
}

/// <summary>Session status labels (DM-34); failure is "complete" with a non-null error.</summary>
public static class SessionStatusLabels
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Complete = "complete";
}
