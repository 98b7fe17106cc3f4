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
