extern alias api;
using System.Text.Json.Nodes;
using Bos.Testing;
using AsyncApiDocument = api::Bos.Api.Integration.AsyncApiDocument;
using SchemaValidator = api::Bos.Api.Spec.SchemaValidator;

namespace Bos.Workers.Tests.Integration;

/// <summary>Checks a message received from Bos against the AsyncAPI document the API serves.</summary>
public static class AsyncApiContract
{
    private static readonly JsonObject Document = AsyncApiDocument.Parse();
    private static readonly SchemaValidator Validator = new(Document);

    /// <summary>Null when the event is one the document declares for its routing key, with valid headers and payload.</summary>
    public static string? EventError(AmqpDelivery delivery)
    {
        var operation = Document["operations"]!.AsObject().Select(o => o.Value!)
            .FirstOrDefault(o => (string?)o["action"] == "send" && o["bindings"]?["amqp"]?["cc"]?.AsArray().Any(k => (string?)k == delivery.RoutingKey) == true);
        if (operation is null) return $"routing key {delivery.RoutingKey} is not in the AsyncAPI document";
        var message = Resolve(operation["messages"]![0]!);
        if (delivery.Properties.ContentType != (string?)message["contentType"]) return $"{delivery.RoutingKey}: content type {delivery.Properties.ContentType}";
        var headers = new JsonObject();
        foreach (var name in new[] { "bos-event-type", "bos-tenant", "bos-session" })
            if (delivery.Header(name) is { } value) headers[name] = value;
        if (Validator.Validate(headers, message["headers"]!) is { } headerError) return $"{delivery.RoutingKey} headers: {headerError}";
        var payload = delivery.Json;
        if (Validator.Validate(payload, message["payload"]!) is { } payloadError) return $"{delivery.RoutingKey} payload: {payloadError}";
        if (delivery.Properties.MessageId != (string?)payload!["id"] || delivery.Properties.Type != (string?)payload["type"])
            return $"{delivery.RoutingKey}: message_id / type properties differ from the event's id / type";
        return null;
    }

    /// <summary>Null when a command's reply has the headers the document declares for replies.</summary>
    public static string? ReplyError(AmqpDelivery reply)
    {
        var message = Document["channels"]!["replies"]!["messages"]!["reply"]!;
        var headers = new JsonObject();
        if (reply.Properties.Headers?.TryGetValue("status", out var status) == true && status is int code) headers["status"] = code;
        return Validator.Validate(headers, message["headers"]!) is { } error ? $"reply headers: {error}" : null;
    }

    private static JsonNode Resolve(JsonNode node) => node["$ref"] is JsonNode reference
        ? ((string)reference!).TrimStart('#', '/').Split('/').Aggregate((JsonNode)Document, (n, part) => n[part]!)
        : node;
}
