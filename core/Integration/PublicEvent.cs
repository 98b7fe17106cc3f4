using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bos.Core.Time;

namespace Bos.Core.Integration;

/// <summary>
/// One public event as it leaves on the events exchange: a CloudEvents 1.0 event in structured mode (the JSON body
/// holds the attributes and <c>data</c>), routed by <see cref="RoutingKey"/>, with the tenant and session also in
/// AMQP headers so that consumers can bind on them.
/// </summary>
public sealed record PublicEvent(string Id, string RoutingKey, string? Subject, string? Tenant, string? Session, DateTimeOffset Time, IPublicEventData Data)
{
    public const string ContentType = "application/cloudevents+json; charset=utf-8";

    public string Type => PublicEventTypes.CloudEventType(RoutingKey);

    /// <summary>The structured-mode body, as a document (<see cref="Body"/> parsed).</summary>
    public JsonObject ToCloudEvent(string source) => JsonNode.Parse(Body(source))!.AsObject();

    /// <summary>
    /// The structured-mode body: the attributes, then <see cref="Data"/> written where it is. Building it as a document
    /// first cloned the data (a batch of 1,000 components' items) for every event: 8 % of the API's allocation samples while
    /// it relayed a 10k reboot (BENCHMARKS.md). Written into a buffer kept per thread: growing a fresh one to a batch's
    /// size was another 5 %.
    /// </summary>
    public byte[] Body(string source)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", "1.0");
            writer.WriteString("id", Id);
            writer.WriteString("source", source);
            writer.WriteString("type", Type);
            writer.WriteString("time", Timestamps.FormatPrecise(Time));
            writer.WriteString("datacontenttype", "application/json");
            if (Subject is not null) writer.WriteString("subject", Subject);
            writer.WritePropertyName("data");
            Data.WriteTo(writer);
            writer.WriteEndObject();
        }
        var body = buffer.WrittenSpan.ToArray();
        // A rare huge batch does not keep its buffer alive on the thread.
        if (buffer.Capacity > MaxKeptBuffer) _buffer = null;
        return body;
    }

    private const int MaxKeptBuffer = 4 * 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    /// <summary>
    /// A de-duplication id derived from what the event was made of (an outbox entry, or a batch's item ids), so a
    /// relay that publishes the same entries again after a crash publishes the same ids.
    /// </summary>
    public static string IdOf(ReadOnlySpan<byte> utf8)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary><see cref="IdOf(ReadOnlySpan{byte})"/> of a text's UTF-8 bytes (the same id for the same entry, read as text or as bytes).</summary>
    public static string IdOf(string text)
    {
        // Encoded into a pooled buffer, not a fresh array per call.
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            return IdOf(buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
