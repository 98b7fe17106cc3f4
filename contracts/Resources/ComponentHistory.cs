using System.Text.Json.Serialization;

namespace Bos.Contracts.Resources;

/// <summary>
/// One event in a component's history (Bos extension, issue #17): what changed, when, in which session. Stored
/// without <see cref="Summary"/> (derived on read, so the stored entries stay small); a null session is written.
/// </summary>
public sealed record ComponentHistoryEntry
{
    public string? Time { get; init; }
    public string? Kind { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Session { get; init; }

    public string? Summary { get; init; }
    public IReadOnlyDictionary<string, object?>? Details { get; init; }
}

/// <summary>The answer of GET /v2/components/{id}/history: newest entry first.</summary>
public sealed record ComponentHistoryAnswer(string Component, IReadOnlyList<ComponentHistoryEntry> Entries);

/// <summary>History entry kinds.</summary>
public static class HistoryKinds
{
    public const string Created = "created";
    public const string PhaseChanged = "phase_changed";
    public const string PowerAction = "power_action";
    public const string Action = "action";
    public const string Error = "error";
    public const string ErrorCleared = "error_cleared";
    public const string Report = "report";
    public const string ActualStateCleared = "actual_state_cleared";
    public const string DesiredStateChanged = "desired_state_changed";
    public const string SessionChanged = "session_changed";
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";
}
