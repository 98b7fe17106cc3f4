using System.Text.Json.Nodes;
using Bos.Api.Integration;
using Bos.Api.Spec;
using Bos.Core.Integration;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Integration;

/// <summary>The AsyncAPI document: what the code publishes is what it declares.</summary>
public sealed class AsyncApiDocumentTests
{
    private static readonly JsonObject Document = AsyncApiDocument.Parse();

    [Fact]
    public void Every_public_event_type_has_a_send_operation_on_its_routing_key_and_a_schema_per_version()
    {
        var sent = Document["operations"]!.AsObject().Select(o => o.Value!).Where(o => (string?)o["action"] == "send")
            .SelectMany(o => o["bindings"]!["amqp"]!["cc"]!.AsArray().Select(k => (string)k!)).ToList();
        sent.Should().BeEquivalentTo(PublicEventTypes.Versions.Keys);
        foreach (var type in PublicEventTypes.Versions.Keys)
            Document["components"]!["schemas"]![PublicEventTypes.CloudEventType(type)].Should().NotBeNull(type);
        ((string)Document["asyncapi"]!).Should().Be("3.0.0");
    }

    [Fact]
    public void The_payload_schema_refuses_an_event_that_breaks_it()
    {
        var validator = new SchemaValidator(Document);
        var payload = Document["channels"]!["events"]!["messages"]!["bos.session.deleted"]!["payload"]!;
        JsonNode Event(string type, JsonNode data) => new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = "1", ["source"] = "bos", ["type"] = type, ["time"] = "2026-12-02T10:00:00.000Z",
            ["datacontenttype"] = "application/json", ["data"] = data,
        };

        validator.Validate(Event("bos.session.deleted.v1", new JsonObject { ["name"] = "s" }), payload).Should().BeNull();
        validator.Validate(Event("bos.session.deleted.v1", new JsonObject()), payload).Should().Be("'name' is a required property - 'data'");
        validator.Validate(Event("bos.session.deleted.v2", new JsonObject { ["name"] = "s" }), payload).Should().StartWith("'bos.session.deleted.v2' is not one of");
    }
}

[NeedsServices]
public sealed class AsyncApiEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_api_serves_the_asyncapi_document_kept_in_the_repository()
    {
        using var response = await factory.CreateClient().GetAsync("/asyncapi.json");
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var served = await response.Content.ReadAsStringAsync();
        var file = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "api", "Integration", "asyncapi.json"));
        served.Should().Be(file);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bos.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Bos.sln not found above the test binaries");
    }
}
