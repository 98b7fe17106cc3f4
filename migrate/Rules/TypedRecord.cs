using System.Text.Json;
using System.Text.Json.Nodes;
using Bos.Core.Json;

namespace Bos.Migrate.Rules;

/// <summary>
/// A stored JSON record read into Bos's typed record: fields Bos does not keep are named (they are dropped on
/// write), a record of the wrong shape is rejected.
/// </summary>
public static class TypedRecord
{
    public static T Read<T>(JsonObject raw, string kind, List<string> repairs) where T : class
    {
        T typed;
        try
        {
            typed = BosJson.Deserialize<T>(raw);
        }
        catch (JsonException e)
        {
            throw new RecordRejected($"Not a valid {kind} record: {e.Message}");
        }
        var kept = JsonSerializer.SerializeToNode(typed, BosJson.Options)!.AsObject();
        foreach (var path in Dropped(raw, kept, "")) repairs.Add($"field '{path}' dropped (not part of a {kind})");
        return typed;
    }

    /// <summary>Parses a stored value; a value that is not a JSON object is rejected (DB-10).</summary>
    public static JsonObject Parse(string raw)
    {
        try
        {
            return JsonNode.Parse(raw) as JsonObject ?? throw new RecordRejected("Stored value is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new RecordRejected($"Stored value is not JSON: {e.Message}");
        }
    }

    // Null values count as absent: Bos writes no nulls except where upstream's model keeps them.
    private static IEnumerable<string> Dropped(JsonObject raw, JsonObject kept, string prefix)
    {
        foreach (var (field, value) in raw)
        {
            if (value is null) continue;
            if (!kept.TryGetPropertyValue(field, out var other) || other is null) yield return prefix + field;
            else if (value is JsonObject inner && other is JsonObject keptInner)
                foreach (var path in Dropped(inner, keptInner, $"{prefix}{field}.")) yield return path;
        }
    }
}
