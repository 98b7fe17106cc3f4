using System.Text.Json.Nodes;

namespace Bos.Api.Spec;

/// <summary>One operation of the upstream spec: its parameters and request body schema, resolved once.</summary>
public sealed class SpecOperation
{
    private SpecOperation(UpstreamSpec spec, string id, IReadOnlyList<SpecParameter> parameters, JsonNode? bodySchema, bool bodyRequired)
    {
        Spec = spec;
        Validator = new SchemaValidator(spec);
        Id = id;
        Parameters = parameters;
        BodySchema = bodySchema;
        BodyRequired = bodyRequired;
    }

    /// <summary>The spec the operation comes from (v2's, or the v1-era one for /v1), which its schemas refer into.</summary>
    public UpstreamSpec Spec { get; }

    public SchemaValidator Validator { get; }

    public string Id { get; }
    public IReadOnlyList<SpecParameter> Parameters { get; }
    public JsonNode? BodySchema { get; }
    public bool BodyRequired { get; }

    public static SpecOperation For(string operationId, UpstreamSpec? spec = null)
    {
        spec ??= UpstreamSpec.Instance;
        var (path, _, operation) = spec.Operation(operationId);
        var declared = (spec.Paths[path]!["parameters"] as JsonArray ?? []).Concat(operation["parameters"] as JsonArray ?? []);
        var parameters = declared
            .Select(p => (p!["$ref"] is JsonNode r ? spec.Resolve((string)r!) : p!).AsObject())
            .Select(p => new SpecParameter((string)p["name"]!, (string)p["in"]!, p["required"] is JsonNode req && (bool)req, p["schema"]!))
            .ToList();

        JsonNode? bodySchema = null;
        var bodyRequired = false;
        if (operation["requestBody"] is JsonObject body)
        {
            if (body["$ref"] is JsonNode r) body = spec.Resolve((string)r!).AsObject();
            bodySchema = body["content"]?["application/json"]?["schema"];
            bodyRequired = body["required"] is JsonNode req && (bool)req;
        }
        return new SpecOperation(spec, operationId, parameters, bodySchema, bodyRequired);
    }
}

public sealed record SpecParameter(string Name, string In, bool Required, JsonNode Schema);
