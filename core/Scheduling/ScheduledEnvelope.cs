using System.Globalization;

namespace Bos.Core.Scheduling;

/// <summary>
/// One scheduled message as stored in Redis: where it goes, when, and the complete serialized MassTransit envelope
/// (message types, message, ids and headers), so any process can deliver it without knowing the CLR type.
/// </summary>
public sealed record ScheduledEnvelope(
    Guid TokenId,
    Uri Destination,
    DateTime DueUtc,
    string ContentType,
    IReadOnlyList<string> MessageTypes,
    Guid? MessageId,
    Guid? CorrelationId,
    string Body)
{
    private const string TokenField = "token";
    private const string DestinationField = "destination";
    private const string DueField = "due";
    private const string ContentTypeField = "content_type";
    private const string MessageTypeField = "message_type";
    private const string MessageIdField = "message_id";
    private const string CorrelationIdField = "correlation_id";
    private const string BodyField = "body";

    /// <summary>
    /// Due time as Unix milliseconds, the score in the due-time sorted set: rounded up, so that an entry is never
    /// claimed (Redis clock at millisecond precision) before its time.
    /// </summary>
    public long DueUnixMs => (DueUtc.Ticks - DateTime.UnixEpoch.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;

    public IEnumerable<KeyValuePair<string, string>> ToFields()
    {
        yield return new(TokenField, TokenId.ToString("N"));
        yield return new(DestinationField, Destination.ToString());
        yield return new(DueField, DueUnixMs.ToString(CultureInfo.InvariantCulture));
        yield return new(ContentTypeField, ContentType);
        yield return new(MessageTypeField, string.Join(';', MessageTypes));
        if (MessageId is { } messageId) yield return new(MessageIdField, messageId.ToString("N"));
        if (CorrelationId is { } correlationId) yield return new(CorrelationIdField, correlationId.ToString("N"));
        yield return new(BodyField, Body);
    }

    /// <exception cref="FormatException">A field is missing or malformed (the entry cannot be delivered).</exception>
    public static ScheduledEnvelope FromFields(IReadOnlyDictionary<string, string> fields)
    {
        string Required(string name) =>
            fields.TryGetValue(name, out var value) ? value : throw new FormatException($"Scheduled entry has no '{name}' field");
        Guid? Optional(string name) => fields.TryGetValue(name, out var value) ? Guid.Parse(value) : null;

        return new ScheduledEnvelope(
            Guid.Parse(Required(TokenField)),
            new Uri(Required(DestinationField)),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Required(DueField), CultureInfo.InvariantCulture)).UtcDateTime,
            Required(ContentTypeField),
            Required(MessageTypeField).Split(';', StringSplitOptions.RemoveEmptyEntries),
            Optional(MessageIdField),
            Optional(CorrelationIdField),
            Required(BodyField));
    }
}
