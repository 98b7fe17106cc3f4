using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bos.Core.Integration;

/// <summary>The <c>data</c> of a public event: written straight into the event's body.</summary>
public interface IPublicEventData
{
    void WriteTo(Utf8JsonWriter writer);
}

/// <summary>Data held as a document (session, template and options events: one per change, so the form costs little).</summary>
public sealed record DocumentData(JsonObject Json) : IPublicEventData
{
    public void WriteTo(Utf8JsonWriter writer) => Json.WriteTo(writer);
}
