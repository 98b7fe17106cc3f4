using System.Text.Json;
using Bos.Core.Time;

namespace Bos.Core.Integration;

/// <summary>One component's entry in a batched component event (<see cref="ComponentEventBatch"/>).</summary>
public sealed record ComponentEventItem(
    string EventId, string Id, string Phase, string PreviousPhase, string Status, bool Enabled, string? Error,
    DateTimeOffset ChangedAt, string? PreviousStatus, string? LastAction);

/// <summary>
/// The data of a batched component event, <c>{"session", "components": [...]}</c>, written item by item: a relay round
/// of a 10k reboot holds thousands of items, and building each as a JSON document first was a tenth of the API's
/// allocation (BENCHMARKS.md). The bytes are what the document form wrote (<c>PublicEventBodyTests</c>).
/// </summary>
public sealed record ComponentEventBatch(string Session, IReadOnlyList<ComponentEventItem> Items) : IPublicEventData
{
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("session", Session);
        writer.WriteStartArray("components");
        foreach (var item in Items) Write(writer, item);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, ComponentEventItem item)
    {
        writer.WriteStartObject();
        writer.WriteString("event_id", item.EventId);
        writer.WriteString("id", item.Id);
        writer.WriteString("phase", item.Phase);
        writer.WriteString("previous_phase", item.PreviousPhase);
        writer.WriteString("status", item.Status);
        writer.WriteBoolean("enabled", item.Enabled);
        writer.WriteString("error", item.Error);
        writer.WriteString("changed_at", Timestamps.FormatPrecise(item.ChangedAt));
        if (item.PreviousStatus is not null) writer.WriteString("previous_status", item.PreviousStatus);
        if (item.LastAction is not null) writer.WriteString("last_action", item.LastAction);
        writer.WriteEndObject();
    }
}
