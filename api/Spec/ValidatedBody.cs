using System.Text.Json.Nodes;
using Bos.Core.Json;

namespace Bos.Api.Spec;

/// <summary>
/// The request's JSON body as <see cref="SpecValidationMiddleware"/> parsed and validated it, bound as a handler
/// parameter (<see cref="BindAsync"/>). Handlers deserialize it where they did before, so a body the spec accepts
/// but the record type refuses is still a 400 at the same step.
/// </summary>
public sealed class ValidatedBody
{
    private const string Key = "bos.validated-body";

    private ValidatedBody(JsonNode? json) => Json = json;

    /// <summary>The body; null when the operation allows none and none was sent.</summary>
    public JsonNode? Json { get; }

    /// <summary>The body, or an empty object when there was none.</summary>
    public JsonNode Node => Json ?? new JsonObject();

    public JsonObject Object => Node.AsObject();

    /// <summary>The body as a resource record, with the API's JSON rules.</summary>
    public T As<T>() => BosJson.Deserialize<T>(Node);

    /// <summary>Minimal API binding: reads what the validation stored (parameters bind after the middleware ran).</summary>
    public static ValueTask<ValidatedBody> BindAsync(HttpContext http) =>
        ValueTask.FromResult(new ValidatedBody(http.Items.TryGetValue(Key, out var body) ? body as JsonNode : null));

    /// <summary>The body the validation stored for this request, if any (what the audit log reads a create's name from).</summary>
    public static JsonNode? Peek(HttpContext http) => http.Items.TryGetValue(Key, out var body) ? body as JsonNode : null;

    internal static void Store(HttpContext http, JsonNode? body) => http.Items[Key] = body;

    /// <summary>A body validated elsewhere than in an HTTP request (a RabbitMQ command).</summary>
    internal static ValidatedBody Of(JsonNode? body) => new(body);
}
