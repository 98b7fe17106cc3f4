using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Bos.Api.Spec;

/// <summary>
/// Upstream's OpenAPI document (BOS 2.50), embedded and parsed once. It is the single source of the request
/// schemas, parameter rules and the API version, exactly as upstream's connexion server used it.
/// </summary>
public sealed class UpstreamSpec
{
    public static UpstreamSpec Instance { get; } = Load("bos-openapi.yaml");

    /// <summary>Upstream's spec at its last commit with the v1 API (V1-02): the source of the /v1 operations' validation.</summary>
    public static UpstreamSpec V1 { get; } = Load("bos-openapi-v1.yaml");

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonNode> _resolved = new(StringComparer.Ordinal);

    private UpstreamSpec(JsonObject document) => Document = document;

    public JsonObject Document { get; }

    public JsonObject Schemas => Document["components"]!["schemas"]!.AsObject();

    public JsonObject Paths => Document["paths"]!.AsObject();

    /// <summary>Resolves a local "$ref" ("#/components/..."), once per reference: the validation of every request
    /// resolves the same few, and splitting the path each time was ~1 % of the API's allocation in a 10k reboot.</summary>
    public JsonNode Resolve(string reference) => _resolved.GetOrAdd(reference, Walk);

    private JsonNode Walk(string reference)
    {
        JsonNode node = Document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
            node = node[part] ?? throw new KeyNotFoundException($"Unresolvable $ref {reference}");
        return node;
    }

    /// <summary>The operation object of an operationId, with its path.</summary>
    public (string Path, string Method, JsonObject Operation) Operation(string operationId)
    {
        foreach (var (path, item) in Paths)
            foreach (var (method, op) in item!.AsObject())
                if (op is JsonObject o && (string?)o["operationId"] == operationId)
                    return (path, method, o);
        throw new KeyNotFoundException($"No operation {operationId} in the spec");
    }

    private static UpstreamSpec Load(string resource)
    {
        using var stream = typeof(UpstreamSpec).Assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"{resource} is not embedded");
        var yaml = new YamlStream();
        yaml.Load(new StreamReader(stream));
        return new UpstreamSpec(ToJson(yaml.Documents[0].RootNode)!.AsObject());
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    // Plain scalars carry YAML's implicit types; quoted ones are always strings.
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain) return JsonValue.Create(text);
        if (text is "null" or "~" or "") return null;
        if (text is "true" or "True") return JsonValue.Create(true);
        if (text is "false" or "False") return JsonValue.Create(false);
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(text);
    }
}
