using System.Globalization;
using System.Text.Json.Nodes;
using Bos.Api.Spec;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bos.Api.OpenApi;

/// <summary>
/// Gives each generated operation its upstream operationId (the endpoint name set by WithSpec) and the upstream
/// operation's path, query and header parameters with their constraints. Handlers bind the tenant header and the
/// queries through BindAsync types (RequestTenant, SessionListQuery, ComponentQuery), which the generator does not
/// list, so the spec's declarations are the documented ones.
/// </summary>
public sealed class SpecParametersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var name = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        // A Bos extension validated like an upstream operation (WithSpecOf) documents that operation's parameters.
        var spec = metadata.OfType<SpecOperation>().LastOrDefault() ?? (name is not null && HasOperation(name) ? SpecOperation.For(name) : null);
        if (name is null || spec is null) return Task.CompletedTask;

        operation.OperationId = name;
        var parameters = operation.Parameters ??= [];
        foreach (var declared in spec.Parameters)
        {
            var location = declared.In switch
            {
                "path" => ParameterLocation.Path,
                "header" => ParameterLocation.Header,
                _ => ParameterLocation.Query,
            };
            // The spec's declaration replaces the generator's guess for a bound route value.
            foreach (var generated in parameters.Where(p => p.Name == declared.Name && p.In == location).ToList()) parameters.Remove(generated);
            parameters.Add(new OpenApiParameter
            {
                Name = declared.Name,
                In = location,
                Required = declared.Required || location == ParameterLocation.Path,
                Schema = Schema(declared.Schema),
            });
        }
        return Task.CompletedTask;
    }

    private static bool HasOperation(string operationId)
    {
        try { UpstreamSpec.Instance.Operation(operationId); return true; }
        catch (KeyNotFoundException) { return false; }
    }

    /// <summary>The scalar constraints of a parameter schema (parameters are strings, booleans or integers).</summary>
    private static OpenApiSchema Schema(JsonNode schema)
    {
        if (schema["$ref"] is JsonNode reference) return Schema(UpstreamSpec.Instance.Resolve((string)reference!));
        var result = new OpenApiSchema
        {
            Type = (string?)schema["type"] switch
            {
                "boolean" => JsonSchemaType.Boolean,
                "integer" => JsonSchemaType.Integer,
                _ => JsonSchemaType.String,
            },
            Pattern = (string?)schema["pattern"],
            MinLength = (int?)(long?)schema["minLength"],
            MaxLength = (int?)(long?)schema["maxLength"],
            Minimum = Number(schema["minimum"]),
            Maximum = Number(schema["maximum"]),
        };
        if (schema["enum"] is JsonArray values) result.Enum = values.Select(v => v?.DeepClone()).OfType<JsonNode>().ToList();
        return result;
    }

    private static string? Number(JsonNode? value) => value is null ? null : ((long)value).ToString(CultureInfo.InvariantCulture);
}
