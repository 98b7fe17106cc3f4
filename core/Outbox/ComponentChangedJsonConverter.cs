using System.Text.Json;
using System.Text.Json.Serialization;
using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Json;

namespace Bos.Core.Outbox;

/// <summary>
/// Reads and writes the outbox's <see cref="ComponentChanged"/> in one pass, exactly as the serializer's own contract
/// does under <see cref="OutboxEntry.JsonOptions"/> (camelCase, nulls written, names matched ignoring case, unknown
/// members skipped, the required members required): every record write appends one and the relay reads each back, and
/// the serializer's per-level frames (the facts, the field list) were the largest part of the relay's cost in the API's
/// profile (BENCHMARKS.md). The record of entries from earlier builds (<see cref="ComponentChanged.Component"/>) is
/// left to the serializer. Held equal to the serializer's contract by <c>ComponentChangedJsonConverterTests</c>.
/// </summary>
public sealed class ComponentChangedJsonConverter : JsonConverter<ComponentChanged>
{
    public override ComponentChanged Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? id = null, previousPhase = null, previousStatus = null;
        List<string?>? fields = null;
        Component? component = null;
        ComponentFacts? facts = null;
        DateTimeOffset? changedAt = null;
        var inputChanged = false;
        bool hasId = false, hasFields = false;
        for (var p = JsonMembers.First(ref reader, Names); p != JsonMembers.End; p = JsonMembers.Next(ref reader, Names))
        {
            switch (p)
            {
                case 0: (id, hasId) = (JsonMembers.String(ref reader), true); break;
                case 1: (fields, hasFields) = (ReadFields(ref reader), true); break;
                case 2: component = JsonSerializer.Deserialize<Component>(ref reader, options); break;
                case 3: facts = JsonMembers.Object(ref reader) ? ReadFacts(ref reader) : null; break;
                case 4: changedAt = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at) ? at : throw Invalid(reader, "a date"); break;
                case 5: inputChanged = JsonMembers.Boolean(ref reader) ?? throw Invalid(reader, "a boolean"); break;
                case 6: previousPhase = JsonMembers.String(ref reader); break;
                case 7: previousStatus = JsonMembers.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        if (!hasId || !hasFields || changedAt is null) throw new JsonException("A ComponentChanged needs componentId, changedFields and changedAt");
        return new ComponentChanged
        {
            ComponentId = id!, ChangedFields = fields!, Component = component, Facts = facts, ChangedAt = changedAt.Value,
            InputChanged = inputChanged, PreviousPhase = previousPhase, PreviousStatus = previousStatus,
        };
    }

    public override void Write(Utf8JsonWriter writer, ComponentChanged value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(ComponentId, value.ComponentId);
        if (value.ChangedFields is null) writer.WriteNull(ChangedFields);
        else
        {
            writer.WriteStartArray(ChangedFields);
            foreach (var field in value.ChangedFields) writer.WriteStringValue(field);
            writer.WriteEndArray();
        }
        writer.WritePropertyName(ComponentName);
        if (value.Component is null) writer.WriteNullValue();
        else JsonSerializer.Serialize(writer, value.Component, options);
        if (value.Facts is not { } facts) writer.WriteNull(Facts);
        else
        {
            writer.WriteStartObject(Facts);
            writer.WriteString(Phase, facts.Phase);
            writer.WriteString(Status, facts.Status);
            writer.WriteBoolean(Enabled, facts.Enabled);
            writer.WriteString(Error, facts.Error);
            writer.WriteString(LastAction, facts.LastAction);
            writer.WriteString(Session, facts.Session);
            writer.WriteString(Fingerprint, facts.Fingerprint);
            writer.WriteString(ExternalAction, facts.ExternalAction);
            writer.WriteEndObject();
        }
        writer.WriteString(ChangedAt, value.ChangedAt);
        writer.WriteBoolean(InputChanged, value.InputChanged);
        writer.WriteString(PreviousPhase, value.PreviousPhase);
        writer.WriteString(PreviousStatus, value.PreviousStatus);
        writer.WriteEndObject();
    }

    private static List<string?>? ReadFields(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw Invalid(reader, "an array");
        var fields = new List<string?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) fields.Add(JsonMembers.String(ref reader));
        return fields;
    }

    private static ComponentFacts ReadFacts(ref Utf8JsonReader reader)
    {
        var facts = new ComponentFacts();
        string? phase = facts.Phase, status = facts.Status, error = facts.Error, lastAction = null, session = facts.Session, fingerprint = null, external = null;
        var enabled = false;
        for (var p = JsonMembers.First(ref reader, FactNames); p != JsonMembers.End; p = JsonMembers.Next(ref reader, FactNames))
        {
            switch (p)
            {
                case 0: phase = JsonMembers.String(ref reader); break;
                case 1: status = JsonMembers.String(ref reader); break;
                case 2: enabled = JsonMembers.Boolean(ref reader) ?? throw Invalid(reader, "a boolean"); break;
                case 3: error = JsonMembers.String(ref reader); break;
                case 4: lastAction = JsonMembers.String(ref reader); break;
                case 5: session = JsonMembers.String(ref reader); break;
                case 6: fingerprint = JsonMembers.String(ref reader); break;
                case 7: external = JsonMembers.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new ComponentFacts
        {
            Phase = phase!, Status = status!, Enabled = enabled, Error = error!, LastAction = lastAction, Session = session!,
            Fingerprint = fingerprint, ExternalAction = external,
        };
    }

    private static JsonException Invalid(Utf8JsonReader reader, string expected) => new($"Expected {expected}, found {reader.TokenType}");

    private static readonly JsonMemberNames Names = new("componentId", "changedFields", "component", "facts", "changedAt", "inputChanged",
        "previousPhase", "previousStatus");
    private static readonly JsonMemberNames FactNames = new("phase", "status", "enabled", "error", "lastAction", "session", "fingerprint",
        "externalAction");

    private static readonly JsonEncodedText ComponentId = JsonEncodedText.Encode("componentId"), ChangedFields = JsonEncodedText.Encode("changedFields"),
        ComponentName = JsonEncodedText.Encode("component"), Facts = JsonEncodedText.Encode("facts"), ChangedAt = JsonEncodedText.Encode("changedAt"),
        InputChanged = JsonEncodedText.Encode("inputChanged"), PreviousPhase = JsonEncodedText.Encode("previousPhase"),
        PreviousStatus = JsonEncodedText.Encode("previousStatus"), Phase = JsonEncodedText.Encode("phase"), Status = JsonEncodedText.Encode("status"),
        Enabled = JsonEncodedText.Encode("enabled"), Error = JsonEncodedText.Encode("error"), LastAction = JsonEncodedText.Encode("lastAction"),
        Session = JsonEncodedText.Encode("session"), Fingerprint = JsonEncodedText.Encode("fingerprint"),
        ExternalAction = JsonEncodedText.Encode("externalAction");
}
