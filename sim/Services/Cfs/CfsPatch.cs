using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bos.Simulator.Services.Cfs;

/// <summary>The fields of a CFS v3 component patch the simulator understands (others are ignored).</summary>
public sealed class CfsPatch
{
    public string? DesiredConfig { get; init; }

    public bool? Enabled { get; init; }

    /// <summary>"state": [] — clears the applied state, so the component is pending again.</summary>
    public bool ClearState { get; init; }

    /// <summary>A non-empty "state": taken as the desired configuration having been applied.</summary>
    public List<CfsLayer>? State { get; init; }

    public int? RetryPolicy { get; init; }

    public int? ErrorCount { get; init; }

    /// <summary>Tags to set; a null value removes the tag.</summary>
    public Dictionary<string, string?> Tags { get; init; } = [];

    public static CfsPatch? Parse(JsonObject patch, out string? error)
    {
        error = null;
        try
        {
            var stateNode = patch["state"];
            List<CfsLayer>? layers = null;
            if (stateNode is JsonArray { Count: > 0 } array)
                layers = array.Select(ParseLayer).ToList();
            else if (stateNode is not null and not JsonArray)
                throw new FormatException("'state' must be a list");
            var tags = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (patch["tags"] is JsonObject tagObject)
                foreach (var (key, value) in tagObject)
                    tags[key] = value is null ? null : value.GetValue<string>();
            return new CfsPatch
            {
                DesiredConfig = patch["desired_config"]?.GetValue<string>(),
                Enabled = patch["enabled"]?.GetValue<bool>(),
                ClearState = stateNode is JsonArray { Count: 0 },
                State = layers,
                RetryPolicy = patch["retry_policy"]?.GetValue<int>(),
                ErrorCount = patch["error_count"]?.GetValue<int>(),
                Tags = tags,
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
        {
            error = $"Invalid component patch: {e.Message}";
            return null;
        }
    }

    private static CfsLayer ParseLayer(JsonNode? layer) => new(
        layer?["clone_url"]?.GetValue<string>() ?? "",
        layer?["playbook"]?.GetValue<string>() ?? "",
        layer?["commit"]?.GetValue<string>() ?? "",
        layer?["status"]?.GetValue<string>() ?? "applied",
        layer?["session_name"]?.GetValue<string>() ?? "",
        DateTimeOffset.UtcNow);
}
