using System.Text.Json;
using System.Text.Json.Nodes;
using Bos.Core.Integration;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Integration;

/// <summary>The body a public event leaves with: written in one pass, byte for byte what the document form serialized to.</summary>
public sealed class PublicEventBodyTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 0, 0, 123, TimeSpan.Zero);

    // The body as built before: the attributes and a clone of the data in one document, serialized with the defaults.
    private static byte[] AsDocument(PublicEvent e, string source)
    {
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = e.Id, ["source"] = source, ["type"] = e.Type,
            ["time"] = e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
        };
        if (e.Subject is not null) cloudEvent["subject"] = e.Subject;
        cloudEvent["data"] = e.Data switch
        {
            DocumentData d => d.Json.DeepClone(),
            ComponentEventBatch b => new JsonObject { ["session"] = b.Session, ["components"] = new JsonArray([.. b.Items.Select(AsDocument)]) },
            _ => throw new ArgumentException("unknown data"),
        };
        return JsonSerializer.SerializeToUtf8Bytes(cloudEvent);
    }

    // A component's item as the mapper built it before.
    private static JsonObject AsDocument(ComponentEventItem i)
    {
        var item = new JsonObject
        {
            ["event_id"] = i.EventId, ["id"] = i.Id, ["phase"] = i.Phase, ["previous_phase"] = i.PreviousPhase, ["status"] = i.Status,
            ["enabled"] = i.Enabled, ["error"] = i.Error,
            ["changed_at"] = i.ChangedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (i.PreviousStatus is not null) item["previous_status"] = i.PreviousStatus;
        if (i.LastAction is not null) item["last_action"] = i.LastAction;
        return item;
    }

    public static TheoryData<string?, string> Events => new()
    {
        { "s1", """{"session":"s1","components":[{"id":"x1","error":"Fehler ü <b>&'\"\\","phase":"powering_on","n":3,"ok":true,"none":null}]}""" },
        { null, """{"options":{"logging_level":"INFO","list":[1,2.5,"€"]}}""" },
        { "s2", "{}" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void The_body_is_byte_for_byte_the_document_form_with_or_without_a_subject(string? subject, string data)
    {
        var json = JsonNode.Parse(data)!.AsObject();
        var e = new PublicEvent("id-1", PublicEventTypes.SessionCompleted, subject, "blue", subject, At, new DocumentData(json));

        e.Body("bos").Should().Equal(AsDocument(e, "bos"));
        e.ToCloudEvent("bos")["data"]!.ToJsonString().Should().Be(json.ToJsonString());
        json.ToJsonString().Should().Be(JsonNode.Parse(data)!.ToJsonString(), "the event's own data is left as it was");
    }

    [Fact]
    public void A_component_batch_is_written_byte_for_byte_as_its_items_built_as_documents_were()
    {
        var items = new[]
        {
            new ComponentEventItem("e1", "x1", "powering_on", "", "power_on_pending", true, "", At, null, null),
            new ComponentEventItem("e2", "x2", "", "configuring", "failed", false, "Fehler ü <b>&'\"\\", At.AddMilliseconds(5), "configuring", "powering_on"),
            new ComponentEventItem("e3", "x3", "", "", "stable", true, null, At, "stable", "power_on"),
        };
        var e = new PublicEvent("id-2", PublicEventTypes.ComponentFailed, "s1", null, "s1", At, new ComponentEventBatch("s1", items));

        e.Body("bos").Should().Equal(AsDocument(e, "bos"));
        // One thread writes many bodies into the buffer it keeps: a shorter body after a longer one is whole.
        var shorter = e with { Data = new ComponentEventBatch("s1", items[..1]) };
        shorter.Body("bos").Should().Equal(AsDocument(shorter, "bos"));
    }
}
