using System.Text.Json;
using System.Text.Json.Nodes;
using Bos.Api.Spec;

namespace Bos.Migrate.Rules;

/// <summary>
/// The spec's schemas as upstream's migration used them (`bos.server.schema.validator`): plain jsonschema checks of
/// stored documents (readOnly ignored) and the property names each record schema allows.
/// </summary>
public sealed class RecordSchema(UpstreamSpec spec)
{
    private readonly SchemaValidator _validator = new(spec, rejectReadOnly: false);

    public static RecordSchema Upstream { get; } = new(UpstreamSpec.Instance);

    /// <summary>Null when <paramref name="value"/> follows the named schema, else the first violation.</summary>
    public string? Check(JsonNode? value, string schemaName) => _validator.ValidateAgainst(value, schemaName);

    public bool Follows(JsonNode? value, string schemaName) => Check(value, schemaName) is null;

    /// <summary>The property names of an object schema (what upstream calls `session_template_fields` and the like).</summary>
    public IReadOnlySet<string> Fields(string schemaName) =>
        spec.Schemas[schemaName]!["properties"]!.AsObject().Select(p => p.Key).ToHashSet();

    /// <summary>Python's truth value of a JSON value: None, False, 0, "", [] and {} are false.</summary>
    public static bool Truthy(JsonNode? value) => value switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        _ => value.GetValueKind() switch
        {
            JsonValueKind.False => false,
            JsonValueKind.String => ((string)value!).Length > 0,
            JsonValueKind.Number => double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) != 0,
            _ => true,
        },
    };
}
