using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bos.Simulator.Http;

/// <summary>
/// Each service keeps its own JSON spelling (HSM PascalCase, PCS camelCase, CFS/IMS snake_case), so each module
/// serialises with its own options; request bodies are read leniently (case-insensitive) and a bad body is a 400.
/// </summary>
public static class SimJson
{
    public static JsonSerializerOptions Pascal { get; } = Create(null);

    public static JsonSerializerOptions Camel { get; } = Create(JsonNamingPolicy.CamelCase);

    public static JsonSerializerOptions Snake { get; } = Create(JsonNamingPolicy.SnakeCaseLower);

    private static JsonSerializerOptions Create(JsonNamingPolicy? naming) => new()
    {
        PropertyNamingPolicy = naming,
        DictionaryKeyPolicy = null,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Readable timestamps ("+00:00", not "\u002B00:00"); these are API answers, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The request body as <typeparamref name="T"/>, or a 400 problem explaining why it is not.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null ? (null, Problem.Result(400, "empty body not allowed")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problem.Result(400, $"Unparseable json: {e.Message}"));
        }
    }

    public static Task<(JsonObject? Value, IResult? Error)> ReadObjectAsync(HttpRequest request) =>
        ReadAsync<JsonObject>(request, Pascal);
}
