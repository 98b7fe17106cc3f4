using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bos.Api.Spec;

/// <summary>
/// Validates JSON against the spec's OpenAPI 3.0 schemas the way upstream's connexion 2.14 did (Draft-4 rules plus
/// `nullable`, and `readOnly` properties rejected in requests), returning the first error as connexion words it:
/// the jsonschema message, then " - 'path.to.field'". The same rules check the messages of the AsyncAPI document
/// (<see cref="SchemaValidator(JsonObject)"/>), whose schemas keep to them.
/// </summary>
public sealed class SchemaValidator
{
    private static readonly Dictionary<string, Regex> Patterns = new();
    private readonly Func<string, JsonNode> _resolve;
    private readonly UpstreamSpec? _spec;
    private readonly bool _rejectReadOnly = true;

    /// <summary>
    /// For the spec's schemas. With <paramref name="rejectReadOnly"/> false it checks a stored document the way
    /// upstream's own checks (plain jsonschema) did, which ignore <c>readOnly</c>.
    /// </summary>
    public SchemaValidator(UpstreamSpec spec, bool rejectReadOnly = true)
    {
        _spec = spec;
        _resolve = spec.Resolve;
        _rejectReadOnly = rejectReadOnly;
    }

    /// <summary>For the schemas of another document: its local "$ref"s ("#/components/...") resolve in it.</summary>
    public SchemaValidator(JsonObject document) => _resolve = reference =>
        reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode)document, (node, part) => node[part] ?? throw new KeyNotFoundException($"Unresolvable $ref {reference}"));

    /// <summary>Null when valid; otherwise connexion's detail text.</summary>
    public string? Validate(JsonNode? value, JsonNode schema)
    {
        var error = First(value, schema, []);
        if (error is null) return null;
        return error.Path.Count == 0 ? error.Message : $"{error.Message} - '{string.Join('.', error.Path)}'";
    }

    public string? ValidateAgainst(JsonNode? value, string schemaName) =>
        Validate(value, (_spec ?? throw new InvalidOperationException("Named schemas are the upstream spec's")).Schemas[schemaName]!);

    private sealed record Error(string Message, List<string> Path);

    private Error? First(JsonNode? value, JsonNode schemaNode, List<string> path)
    {
        var schema = schemaNode.AsObject();
        if (schema["$ref"] is JsonNode reference) return First(value, _resolve((string)reference!), path);
        if (_rejectReadOnly && schema["readOnly"] is JsonNode ro && (bool)ro) return new("Property is read-only", path);
        // "type" is one name (OpenAPI 3.0) or a list of names (JSON Schema, as the AsyncAPI document writes ["string", "null"]).
        var types = schema["type"] switch { JsonArray list => list.Select(t => (string)t!).ToList(), JsonNode one => [(string)one!], null => null };
        if (value is null)
            return schema["nullable"] is JsonNode n && (bool)n || types is null || types.Contains("null") ? null : new($"None is not of type '{schema["type"]}'", path);

        if (types is not null && !types.Any(t => HasType(value, t)))
            return new($"{Repr(value)} is not of type {(types.Count == 1 ? $"'{types[0]}'" : Repr(schema["type"]))}", path);
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
            return new($"{Repr(value)} is not one of {Repr(options)}", path);

        if (schema["oneOf"] is JsonArray oneOf)
        {
            var matches = oneOf.Count(s => First(value, s!, []) is null);
            if (matches == 0) return new($"{Repr(value)} is not valid under any of the given schemas", path);
            if (matches > 1) return new($"{Repr(value)} is valid under each of {string.Join(", ", oneOf.Select(Repr))}", path);
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String: return StringError((string)value!, value, schema, path);
            case JsonValueKind.Number: return NumberError(value, schema, path);
            case JsonValueKind.Array: return ArrayError(value.AsArray(), schema, path);
            case JsonValueKind.Object: return ObjectError(value.AsObject(), schema, path);
        }
        return null;
    }

    private static Error? StringError(string text, JsonNode value, JsonObject schema, List<string> path)
    {
        // Python counts code points, not UTF-16 units.
        var length = text.EnumerateRunes().Count();
        if (schema["minLength"] is JsonNode min && length < (long)min) return new($"{Repr(value)} is too short", path);
        if (schema["maxLength"] is JsonNode max && length > (long)max) return new($"{Repr(value)} is too long", path);
        if (schema["pattern"] is JsonNode pattern && !Pattern((string)pattern!).IsMatch(text))
            return new($"{Repr(value)} does not match {Repr(pattern)}", path);
        return null;
    }

    private static Error? NumberError(JsonNode value, JsonObject schema, List<string> path)
    {
        var number = Number(value);
        if (schema["minimum"] is JsonNode min && number < Number(min)) return new($"{Repr(value)} is less than the minimum of {Repr(min)}", path);
        if (schema["maximum"] is JsonNode max && number > Number(max)) return new($"{Repr(value)} is greater than the maximum of {Repr(max)}", path);
        return null;
    }

    private Error? ArrayError(JsonArray array, JsonObject schema, List<string> path)
    {
        if (schema["minItems"] is JsonNode min && array.Count < (long)min) return new($"{Repr(array)} is too short", path);
        if (schema["maxItems"] is JsonNode max && array.Count > (long)max) return new($"{Repr(array)} is too long", path);
        if (schema["items"] is JsonNode items)
            for (var i = 0; i < array.Count; i++)
                if (First(array[i], items, [.. path, i.ToString(CultureInfo.InvariantCulture)]) is { } e) return e;
        return null;
    }

    private Error? ObjectError(JsonObject obj, JsonObject schema, List<string> path)
    {
        if (schema["minProperties"] is JsonNode minP && obj.Count < (long)minP) return new($"{Repr(obj)} does not have enough properties", path);
        if (schema["maxProperties"] is JsonNode maxP && obj.Count > (long)maxP) return new($"{Repr(obj)} has too many properties", path);
        if (schema["required"] is JsonArray required)
            foreach (var name in required.Select(r => (string)r!))
                if (!obj.ContainsKey(name)) return new($"'{name}' is a required property", path);

        var properties = schema["properties"] as JsonObject;
        if (schema["additionalProperties"] is JsonValue ap && ap.GetValueKind() == JsonValueKind.False)
        {
            var extra = obj.Select(p => p.Key).Where(k => properties is null || !properties.ContainsKey(k)).ToList();
            if (extra.Count > 0)
                return new($"Additional properties are not allowed ({string.Join(", ", extra.Select(k => $"'{k}'"))} {(extra.Count == 1 ? "was" : "were")} unexpected)", path);
        }
        foreach (var (name, child) in obj)
        {
            JsonNode? childSchema = properties?[name];
            childSchema ??= schema["additionalProperties"] as JsonObject;
            if (childSchema is not null && First(child, childSchema, [.. path, name]) is { } e) return e;
        }
        return null;
    }

    private static bool HasType(JsonNode value, string type) => (type, value.GetValueKind()) switch
    {
        ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => Number(value) % 1 == 0,
        _ => false,
    };

    // Spec numbers are parsed as long, request numbers as JSON text: read both the same way.
    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static Regex Pattern(string pattern)
    {
        lock (Patterns)
        {
            if (!Patterns.TryGetValue(pattern, out var regex))
                Patterns[pattern] = regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return regex;
        }
    }

    /// <summary>Python's repr of a JSON value, as jsonschema prints it in messages.</summary>
    public static string Repr(JsonNode? value) => value switch
    {
        null => "None",
        JsonArray a => "[" + string.Join(", ", a.Select(Repr)) + "]",
        JsonObject o => "{" + string.Join(", ", o.Select(p => $"{PyString(p.Key)}: {Repr(p.Value)}")) + "}",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => PyString((string)value!),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            _ => value.ToJsonString(),
        },
    };

    private static string PyString(string s) =>
        s.Contains('\'') && !s.Contains('"') ? $"\"{s}\"" : $"'{s.Replace("\\", "\\\\").Replace("'", "\\'")}'";
}
