using System.Text.Json.Nodes;

namespace Bos.Api.Integration;

/// <summary>
/// The AsyncAPI 3 document of the RabbitMQ interface (api/Integration/asyncapi.json, embedded): served at
/// /asyncapi.json, and the contract the tests check every published message against.
/// </summary>
public static class AsyncApiDocument
{
    private static readonly Lazy<string> Text = new(Load);

    public static string Json => Text.Value;

    /// <summary>A fresh parsed copy.</summary>
    public static JsonObject Parse() => JsonNode.Parse(Json)!.AsObject();

    private static string Load()
    {
        using var stream = typeof(AsyncApiDocument).Assembly.GetManifestResourceStream("asyncapi.json")
                           ?? throw new InvalidOperationException("asyncapi.json is not embedded");
        return new StreamReader(stream).ReadToEnd();
    }
}
