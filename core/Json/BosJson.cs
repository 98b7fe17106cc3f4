using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bos.Core.Json;

/// <summary>The JSON conventions of BOS documents (stored and served): snake_case, absent when null.</summary>
public static class BosJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // The component record, read and written ~35 times a node in a reboot, in one pass (the serializer's contract otherwise).
        Converters = { new ComponentJsonConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The document as UTF-8 bytes, as it is stored (no string in between).</summary>
    public static byte[] SerializeToUtf8<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
                                                   ?? throw new JsonException($"null {typeof(T).Name} document");

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) => Deserialize<T>(utf8, Options);

    /// <summary>With options derived from <see cref="Options"/> (e.g. a contract that skips large fields).</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8, JsonSerializerOptions options) => JsonSerializer.Deserialize<T>(utf8, options)
                                                   ?? throw new JsonException($"null {typeof(T).Name} document");

    public static T Deserialize<T>(System.Text.Json.Nodes.JsonNode node) => node.Deserialize<T>(Options)
                                                   ?? throw new JsonException($"null {typeof(T).Name} document");
}
