using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bos.Workers.Orchestration;

/// <summary>
/// What the engine keeps for one enabled component between steps (a field of the Redis hash
/// <see cref="EngineStore.StateKey"/>). The component record (status, last_action, event_stats...) stays the truth about
/// the component; this only says what the engine waits for and what it last saw.
/// </summary>
public sealed record EngineState
{
    [JsonPropertyName("s")] public MachineState State { get; init; }

    /// <summary>The driving fields of the record last seen or written (<see cref="ComponentFingerprint"/>).</summary>
    [JsonPropertyName("f")] public string Fingerprint { get; init; } = "";

    /// <summary>The last non-power last_action seen, "action@time" (<see cref="Bos.Core.Components.ComponentInputSummary.ExternalAction"/>).</summary>
    [JsonPropertyName("x")] public string? ExternalAction { get; init; }

    /// <summary>Something happened while a request was out: observe once it is answered.</summary>
    [JsonPropertyName("d")] public bool Dirty { get; init; }

    /// <summary>When the engine looks again at the latest (Unix ms): a deadline, the sweep or a request's watchdog; 0 = never.</summary>
    [JsonPropertyName("t")] public long DueAtMs { get; init; }

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static EngineState? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<EngineState>(json, Json);
}
