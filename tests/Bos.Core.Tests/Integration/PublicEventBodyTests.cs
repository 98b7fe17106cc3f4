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
        cloudEvent["data"] = e.Data.DeepClone();
        return JsonSerializer.SerializeToUtf8Bytes(cloudEvent);
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
        var e = new PublicEvent("id-1", PublicEventTypes.SessionCompleted, subject, "blue", subject, At, JsonNode.Parse(data)!.AsObject());

        e.Body("bos").Should().Equal(AsDocument(e, "bos"));
        e.ToCloudEvent("bos")["data"]!.ToJsonString().Should().Be(e.Data.ToJsonString());
        e.Data.ToJsonString().Should().Be(JsonNode.Parse(data)!.ToJsonString(), "the event's own data is left as it was");
    }
}
