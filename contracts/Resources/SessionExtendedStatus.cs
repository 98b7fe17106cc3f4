using System.Text.Json.Serialization;

namespace Bos.Contracts.Resources;

/// <summary>
/// The extended status of a session (DM-70), computed live or saved at completion. Keys in upstream's order;
/// percentages are floats rounded to 2 decimals and written the way Python writes floats ("0.0", "33.33").
/// </summary>
public sealed record SessionExtendedStatus
{
    public int ManagedComponentsCount { get; init; }
    public required SessionExtendedStatusPhases Phases { get; init; }

    [JsonConverter(typeof(PythonFloatConverter))]
    public double PercentStaged { get; init; }

    [JsonConverter(typeof(PythonFloatConverter))]
    public double PercentSuccessful { get; init; }

    [JsonConverter(typeof(PythonFloatConverter))]
    public double PercentFailed { get; init; }

    public required IReadOnlyDictionary<string, SessionErrorComponents> ErrorSummary { get; init; }
    public required SessionExtendedStatusTiming Timing { get; init; }

    /// <summary>Copied from the session; absent only when the session has no status label.</summary>
    public string? Status { get; init; }

    /// <summary>Bos extension, only when asked for (null: absent from the JSON, as upstream's schema requires).</summary>
    public SessionEta? Eta { get; init; }
}

public sealed record SessionExtendedStatusPhases
{
    [JsonConverter(typeof(PythonFloatConverter))]
    public double PercentComplete { get; init; }

    [JsonConverter(typeof(PythonFloatConverter))]
    public double PercentPoweringOn { get; init; }

    [JsonConverter(typeof(PythonFloatConverter))]
    public double PercentPoweringOff { get; init; }

    [JsonConverter(typeof(PythonFloatConverter))]
    public double PercentConfiguring { get; init; }
}

/// <summary>The components sharing one error: how many, and up to 10 ids joined by "," (then "...").</summary>
public sealed record SessionErrorComponents
{
    public int Count { get; init; }
    public required string List { get; init; }
}

public sealed record SessionExtendedStatusTiming
{
    public string? StartTime { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? EndTime { get; init; }

    /// <summary>Python's str(timedelta): "0:12:34", "1 day, 2:03:04", with ".ffffff" when there are microseconds.</summary>
    public string? Duration { get; init; }
}

/// <summary>
/// Bos extension (issue #17): when a session is expected to finish and how that was derived. Only returned when asked
/// for (GET /v2/sessions/{id}/status?include=eta): upstream's schema forbids additional properties.
/// </summary>
public sealed record SessionEta
{
    /// <summary>RFC 3339 UTC; null when there is no data to estimate from.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? EstimatedEndTime { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? RemainingSeconds { get; init; }

    /// <summary>One of <see cref="SessionEtaBases"/>.</summary>
    public required string Basis { get; init; }

    /// <summary>How many durations the estimate rests on (finished nodes, or recent sessions).</summary>
    public int Samples { get; init; }

    /// <summary>The derivation in words.</summary>
    public required string Explanation { get; init; }
}

public static class SessionEtaBases
{
    public const string ThisSession = "this_session";
    public const string RecentSessions = "recent_sessions";
    public const string Complete = "complete";
    public const string None = "none";
}
