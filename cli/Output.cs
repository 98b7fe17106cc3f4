using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Bos.Cli;

/// <summary>How a command prints what the API answered: <c>--output json|yaml|table</c>.</summary>
public static class Output
{
    public static readonly string[] Formats = ["table", "json", "yaml"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Render(JsonNode? node, string format, IReadOnlyList<string>? columns = null) => format switch
    {
        "json" => node?.ToJsonString(Indented) ?? "null",
        "yaml" => new SerializerBuilder().Build().Serialize(Plain(node)).TrimEnd(),
        _ => Table(node, columns),
    };

    /// <summary>
    /// A list of objects as aligned columns (the given ones, else each object's top-level keys); an object as
    /// "key  value" lines; nested values as compact JSON.
    /// </summary>
    public static string Table(JsonNode? node, IReadOnlyList<string>? columns = null)
    {
        switch (node)
        {
            case JsonArray array when array.All(i => i is JsonObject):
                var rows = array.Cast<JsonObject>().ToList();
                var keys = columns ?? rows.SelectMany(r => r.Select(p => p.Key)).Distinct().ToList();
                return Align([keys.Select(k => k.ToUpperInvariant()).ToList(), .. rows.Select(r => keys.Select(k => Cell(Path(r, k))).ToList())]);
            case JsonObject obj:
                return Align(obj.Select(p => new List<string> { p.Key, Cell(p.Value) }).ToList());
            case JsonArray array:
                return string.Join(Environment.NewLine, array.Select(Cell));
            default:
                return Cell(node);
        }
    }

    private static JsonNode? Path(JsonObject row, string dotted)
    {
        JsonNode? node = row;
        foreach (var part in dotted.Split('.')) node = node is JsonObject o ? o[part] : null;
        return node;
    }

    private static string Cell(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    private static string Align(List<List<string>> rows)
    {
        if (rows.Count == 0) return "";
        var widths = Enumerable.Range(0, rows.Max(r => r.Count)).Select(i => rows.Max(r => i < r.Count ? r[i].Length : 0)).ToList();
        return string.Join(Environment.NewLine, rows.Select(r => string.Join("  ", r.Select((c, i) => i == r.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd()));
    }

    /// <summary>JSON as plain dictionaries, lists and scalars, which YamlDotNet writes as YAML.</summary>
    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        _ => null,
    };
}
