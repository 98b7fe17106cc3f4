using System.Text.Json.Nodes;
using Bos.Api.Http;
using Microsoft.Extensions.Options;

namespace Bos.Api.Spec;

/// <summary>
/// A request's checks against its upstream spec operation (API-03, API-05): parameters, then the JSON body. The one
/// place both the REST requests (<see cref="SpecValidationMiddleware"/>) and the RabbitMQ commands are validated, so
/// a command is refused exactly as its REST call, with the same problem. Each operation brings its own spec and
/// validator: the /v1 requests are checked against the v1-era spec, everything else against v2's.
/// </summary>
public sealed class SpecRequestCheck(IOptions<ApiLimits> limits)
{
    /// <summary>Checks each declared parameter; <paramref name="raw"/> gives its text as sent, or null when absent.</summary>
    public void Parameters(SpecOperation operation, Func<SpecParameter, string?> raw)
    {
        foreach (var parameter in operation.Parameters)
        {
            var text = raw(parameter);
            if (text is null)
            {
                if (parameter.Required) throw ProblemException.BadRequest($"Missing {parameter.In} parameter '{parameter.Name}'");
                continue;
            }
            var type = SchemaType(operation.Spec, parameter.Schema);
            var value = Convert(text, type)
                        ?? throw ProblemException.BadRequest($"Wrong type, expected '{type}' for {parameter.In} parameter '{parameter.Name}'");
            if (operation.Validator.Validate(value, parameter.Schema) is { } error) throw ProblemException.BadRequest(error);
        }
    }

    /// <summary>The body parsed and validated; null when there is none and the operation allows that.</summary>
    public JsonNode? Body(SpecOperation operation, ReadOnlyMemory<byte> bytes, string? contentType)
    {
        var limit = limits.Value.MaxRequestBodyBytes;
        if (bytes.Length > limit) throw TooLarge(limit);
        if (bytes.Span.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            if (operation.BodyRequired) throw ProblemException.BadRequest(StrictJson.NotJson);
            return null;
        }
        // connexion: a body that is not declared as JSON is a 415 (a missing Content-Type too); every client
        // (the cray CLI, bos-reporter, the operators) sends application/json.
        if (!StrictJson.IsJsonMediaType(contentType))
            throw new ProblemException(415, "Unsupported Media Type", $"Invalid Content-type ({contentType}), expected JSON data");
        var body = StrictJson.Parse(bytes, limits.Value.MaxJsonDepth);
        if (operation.Validator.Validate(body, operation.BodySchema!) is { } error) throw ProblemException.BadRequest(error);
        return body;
    }

    public static ProblemException TooLarge(long limit) =>
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
