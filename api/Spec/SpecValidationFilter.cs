using System.Text.Json;
using System.Text.Json.Nodes;
using Bos.Api.Http;

namespace Bos.Api.Spec;

/// <summary>
/// Validates a request's path, query and header parameters and its JSON body against the upstream spec's
/// operation, as connexion did (API-03, API-05); the parsed body is then available through <see cref="RequestBody"/>.
/// </summary>
public sealed class SpecValidationFilter(SpecOperation operation, SchemaValidator validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        foreach (var parameter in operation.Parameters) ValidateParameter(http, parameter);
        if (operation.BodySchema is not null) await ReadBody(http);
        return await next(context);
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

    private async Task ReadBody(HttpContext http)
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
        RequestBody.Set(http, body);
    }

    private string SchemaType(JsonNode schema) =>
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

/// <summary>The validated JSON body of the current request.</summary>
public static class RequestBody
{
    private const string Key = "bos.request-body";

    public static void Set(HttpContext http, JsonNode? body) => http.Items[Key] = body;

    public static JsonNode? Get(HttpContext http) => http.Items.TryGetValue(Key, out var body) ? body as JsonNode : null;
}

public static class SpecEndpointExtensions
{
    /// <summary>Names the endpoint by its upstream operationId and validates requests against that operation.</summary>
    public static RouteHandlerBuilder WithSpec(this RouteHandlerBuilder builder, string operationId)
    {
        var operation = SpecOperation.For(operationId);
        return builder.WithName(operationId)
            .AddEndpointFilter(new SpecValidationFilter(operation, new SchemaValidator(UpstreamSpec.Instance)));
    }
}
