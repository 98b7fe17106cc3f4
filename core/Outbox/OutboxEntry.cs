using System.Text;
using System.Text.Json;
using Bos.Contracts.Events;

namespace Bos.Core.Outbox;

/// <summary>
/// One outbox entry as the relay reads it: the event's contract type, the event (null when the type is unknown or not
/// asked for), when it was written and the writer's trace context (entries of earlier builds have neither).
/// </summary>
public sealed record OutboxEntry(string Type, object? Message)
{
    /// <summary>Unix milliseconds when the entry was written.</summary>
    public long? WrittenAt { get; init; }

    /// <summary>The W3C `traceparent` of the span that wrote it, when traces are recorded.</summary>
    public string? TraceParent { get; init; }

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        // A change per record write, each read back by the relay: in one pass (the serializer's contract otherwise).
        Converters = { new ComponentChangedJsonConverter() },
    };

    /// <summary>An event type of the contracts, by its full name; null when unknown.</summary>
    // Remembered per name: Assembly.GetType was 2.5 % of the API's CPU while it relayed a 10k reboot (one per entry).
    public static Type? ContractType(string name) => ContractTypes.GetOrAdd(name, n => typeof(OptionsChanged).Assembly.GetType(n));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type?> ContractTypes = new();

    /// <summary>
    /// Reads an entry written by <see cref="Outbox.Serialize"/> in one pass, the event deserialized straight from it
    /// with the type <paramref name="resolve"/> gives (default: <see cref="ContractType"/>; returning null skips it).
    /// Entries of earlier builds carry the event as an escaped JSON string: read too, so none waiting in Redis across
    /// an upgrade is lost.
    /// </summary>
    public static OutboxEntry Parse(string raw, Func<string, Type?>? resolve = null) => Parse(Encoding.UTF8.GetBytes(raw), resolve);

    /// <summary><see cref="Parse(string, Func{string, Type})"/> from the entry's UTF-8 bytes, as the relay reads them.</summary>
    public static OutboxEntry Parse(ReadOnlySpan<byte> raw, Func<string, Type?>? resolve = null)
    {
        resolve ??= ContractType;
        var reader = new Utf8JsonReader(raw);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("An outbox entry is a JSON object");
        string? type = null, traceParent = null;
        object? message = null;
        long? writtenAt = null;
        JsonElement? payloadBeforeType = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "type":
                    type = reader.GetString();
                    break;
                case "payload" when type is null:
                    payloadBeforeType = JsonElement.ParseValue(ref reader);
                    break;
                case "payload":
                    message = resolve(type) is { } known ? ReadPayload(ref reader, known) : Skip(ref reader);
                    break;
                case "writtenAt":
                    writtenAt = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;
                    break;
                case "traceParent":
                    traceParent = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (type is null) throw new JsonException("An outbox entry names its event type");
        if (payloadBeforeType is { } payload && resolve(type) is { } late)
            message = payload.ValueKind == JsonValueKind.String
                ? JsonSerializer.Deserialize(payload.GetString()!, late, JsonOptions)
                : payload.Deserialize(late, JsonOptions);
        return new OutboxEntry(type, message) { WrittenAt = writtenAt, TraceParent = traceParent };
    }

    private static object? ReadPayload(ref Utf8JsonReader reader, Type type) => reader.TokenType == JsonTokenType.String
        ? JsonSerializer.Deserialize(reader.GetString()!, type, JsonOptions)
        : JsonSerializer.Deserialize(ref reader, type, JsonOptions);

    private static object? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}
