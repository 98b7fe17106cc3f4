using System.Text.Json.Nodes;
using Bos.Api.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Bos.Api.Spec;

/// <summary>
/// Validates a request's path, query and header parameters and its JSON body against the upstream spec's
/// operation of the routed endpoint (<see cref="SpecEndpointExtensions.WithSpec"/>), as connexion did (API-03,
/// API-05). It runs after routing and before the endpoint, so that handler parameters are bound from what was
/// validated: the parsed body is handed over through <see cref="ValidatedBody"/>, and bindable query types only
/// ever see values the spec accepted.
/// </summary>
public sealed class SpecValidationMiddleware(RequestDelegate next, IOptions<ApiLimits> limits)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<SpecOperation>() is { } operation)
        {
            foreach (var parameter in operation.Parameters) ValidateParameter(http, operation, parameter);
            if (operation.BodySchema is not null) await ReadBody(http, operation);
        }
        await next(http);
    }

    private static void ValidateParameter(HttpContext http, SpecOperation operation, SpecParameter parameter)
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
        var type = SchemaType(operation.Spec, parameter.Schema);
        var value = Convert(raw, type)
                    ?? throw ProblemException.BadRequest($"Wrong type, expected '{type}' for {parameter.In} parameter '{parameter.Name}'");
        if (operation.Validator.Validate(value, parameter.Schema) is { } error) throw ProblemException.BadRequest(error);
    }

    private async Task ReadBody(HttpContext http, SpecOperation operation)
    {
        var limit = limits.Value.MaxRequestBodyBytes;
        // Kestrel's own limit (30 MB by default) becomes the setting's; either way an oversized body is a 413.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        if (http.Request.ContentLength > limit) throw TooLarge(limit);
        var bytes = await ReadBounded(http.Request.Body, limit, http.RequestAborted);
        if (bytes.Span.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            if (operation.BodyRequired) throw ProblemException.BadRequest(StrictJson.NotJson);
            return;
        }
        // connexion: a body that is not declared as JSON is a 415 (a missing Content-Type too); every client
        // (the cray CLI, bos-reporter, the operators) sends application/json.
        if (!StrictJson.IsJsonMediaType(http.Request.ContentType))
            throw new ProblemException(415, "Unsupported Media Type", $"Invalid Content-type ({http.Request.ContentType}), expected JSON data");
        var body = StrictJson.Parse(bytes, limits.Value.MaxJsonDepth);
        if (operation.Validator.Validate(body, operation.BodySchema!) is { } error) throw ProblemException.BadRequest(error);
        ValidatedBody.Store(http, body);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBounded(Stream body, long limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static ProblemException TooLarge(long limit) =>
        new(413, "Request Entity Too Large", $"The request body exceeds the limit of {limit} bytes (setting Api:MaxRequestBodyBytes)");

    private static string SchemaType(UpstreamSpec spec, JsonNode schema) =>
        schema["$ref"] is JsonNode r ? SchemaType(spec, spec.Resolve((string)r!)) : (string?)schema["type"] ?? "string";

    /// <summary>Query strings are text; booleans accept any case (`enabled=True`, API-05).</summary>
    private static JsonNode? Convert(string raw, string type) => type switch
    {
        "boolean" => raw.ToLowerInvariant() switch { "true" => JsonValue.Create(true), "false" => JsonValue.Create(false), _ => null },
        "integer" => long.TryParse(raw, out var l) ? JsonValue.Create(l) : null,
        "number" => double.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : null,
        _ => JsonValue.Create(raw),
    };
}
