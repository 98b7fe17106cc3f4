using System.Text.Json;
using System.Text.Json.Nodes;
using Bos.Api.Http;

namespace Bos.Api.Spec;

/// <summary>
/// Validates a request's path, query and header parameters and its JSON body against the upstream spec's
/// operation of the routed endpoint (<see cref="SpecEndpointExtensions.WithSpec"/>), as connexion did (API-03,
/// API-05). It runs after routing and before the endpoint, so that handler parameters are bound from what was
/// validated: the parsed body is handed over through <see cref="ValidatedBody"/>, and bindable query types only
/// ever see values the spec accepted.
/// </summary>
public sealed class SpecValidationMiddleware(RequestDelegate next, SchemaValidator validator)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<SpecOperation>() is { } operation)
        {
            foreach (var parameter in operation.Parameters) ValidateParameter(http, parameter);
            if (operation.BodySchema is not null) await ReadBody(http, operation);
        }
        await next(http);
    }

    private void ValidateParameter(HttpContext http, SpecParameter parameter)
    {
        string? raw = parameter.In switch
        {
            "path" => http.Request.RouteValues[parameter.Name]?.ToString(),
            "query" => http.Request.Query.TryGetValue(parameter.Name, out var q) ? q.ToString() : null,
            "header" => http.Request.Headers.TryGetValue(parameter.Name, out var h) ? h.ToString() : null,
            _ => null,
        };
        if (raw is null)
        {
            if (parameter.Required) throw ProblemException.BadRequest($"Missing {parameter.In} parameter '{parameter.Name}'");
            return;
        }
        var type = SchemaType(parameter.Schema);
        var value = Convert(raw, type)
                    ?? throw ProblemException.BadRequest($"Wrong type, expected '{type}' for {parameter.In} parameter '{parameter.Name}'");
        if (validator.Validate(value, parameter.Schema) is { } error) throw ProblemException.BadRequest(error);
    }

    private async Task ReadBody(HttpContext http, SpecOperation operation)
    {
        var contentType = http.Request.ContentType;
        string text;
        using (var reader = new StreamReader(http.Request.Body)) text = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (operation.BodyRequired) throw ProblemException.BadRequest("Request body is not valid JSON");
            return;
        }
        if (contentType is not null && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            throw new ProblemException(415, "Unsupported Media Type", $"Invalid Content-type ({contentType}), expected JSON data");
        JsonNode? body;
        try { body = JsonNode.Parse(text); }
        catch (JsonException) { throw ProblemException.BadRequest("Request body is not valid JSON"); }
        if (validator.Validate(body, operation.BodySchema!) is { } error) throw ProblemException.BadRequest(error);
        ValidatedBody.Store(http, body);
    }

    private static string SchemaType(JsonNode schema) =>
        schema["$ref"] is JsonNode r ? SchemaType(UpstreamSpec.Instance.Resolve((string)r!)) : (string?)schema["type"] ?? "string";

    /// <summary>Query strings are text; booleans accept any case (`enabled=True`, API-05).</summary>
    private static JsonNode? Convert(string raw, string type) => type switch
    {
        "boolean" => raw.ToLowerInvariant() switch { "true" => JsonValue.Create(true), "false" => JsonValue.Create(false), _ => null },
        "integer" => long.TryParse(raw, out var l) ? JsonValue.Create(l) : null,
        "number" => double.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : null,
        _ => JsonValue.Create(raw),
    };
}
