using System.Net.Http.Json;
using System.Text;
using Bos.Testing;
using Bos.Workers.Tests.Orchestration;
using Bos.Workers.Tests.Sessions;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Integration;

/// <summary>
/// The public events as another service sees them (docs/integration.md): a plain AMQP client binds a queue to
/// bos.events and receives the events of a real reboot session, each valid against the AsyncAPI document.
/// </summary>
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class PublicEventsTests(SessionCluster cluster) : IClassFixture<SessionCluster>
{
    private const string Image = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";
    private static readonly string[] Nodes = [OrchestrationCluster.Node(1), OrchestrationCluster.Node(2)];

    [Fact]
    public async Task A_bound_queue_receives_a_reboot_sessions_events_from_template_to_deletion_each_valid_against_the_asyncapi_document()
    {
        await using var client = await AmqpClient.ConnectAsync(cluster.Worker.VirtualHost.Name);
        await client.BindAsync("bos.events", "bos.#");
        (await cluster.Api.PutAsync("/v2/components", Json("[" + string.Join(',', Nodes.Select(id => $$"""{"id":"{{id}}","enabled":false}""")) + "]")))
            .EnsureSuccessStatusCode();
        (await cluster.Api.PutAsync("/v2/sessiontemplates/events", Json($$$"""
            {"boot_sets":{"compute":{"path":"{{{Image}}}","type":"s3","node_list":["{{{Nodes[0]}}}","{{{Nodes[1]}}}"]}},"cfs":{"configuration":"demo-config"}}
            """))).EnsureSuccessStatusCode();
        (await cluster.Api.PostAsync("/v2/sessions", Json("""{"name":"events-reboot","template_name":"events","operation":"reboot"}""")))
            .EnsureSuccessStatusCode();

        var completed = await client.WaitFor(d => d.RoutingKey == "bos.session.completed", "the session's completion");
        (await cluster.Api.DeleteAsync("/v2/sessions/events-reboot")).EnsureSuccessStatusCode();
        await client.WaitFor(d => d.RoutingKey == "bos.session.deleted", "the session's deletion");

        var received = client.Received;
        received.Select(AsyncApiContract.EventError).OfType<string>().Should().BeEmpty();
        received.Select(d => d.RoutingKey).Should().Contain(["bos.sessiontemplate.saved", "bos.session.created", "bos.session.running",
            "bos.component.phase_changed", "bos.component.stable", "bos.session.completed", "bos.session.deleted"]);
        received.Select(d => d.Properties.MessageId).Should().OnlyHaveUniqueItems();

        var status = completed.Json!["data"]!["extended_status"]!;
        ((double)status["percent_successful"]!).Should().Be(100);
        ((int)status["managed_components_count"]!).Should().Be(2);
        (completed.Header("bos-session"), (string?)completed.Json["subject"]).Should().Be(("events-reboot", "events-reboot"));

        // Each node (off before: the demo cluster starts powered off) was powered on: its phases were announced, the
        // last one done (''), and it became stable — all for this session.
        var components = received.Where(d => d.RoutingKey.StartsWith("bos.component.", StringComparison.Ordinal)).ToList();
        components.Should().OnlyContain(d => d.Header("bos-session") == "events-reboot");
        string[] Phases(string id) => components.Where(d => d.RoutingKey == "bos.component.phase_changed")
            .SelectMany(d => d.Json!["data"]!["components"]!.AsArray()).Where(c => (string?)c!["id"] == id).Select(c => (string)c!["phase"]!).ToArray();
        foreach (var id in Nodes)
        {
            Phases(id).Should().Contain("powering_on").And.HaveElementAt(Phases(id).Length - 1, "");
            components.Where(d => d.RoutingKey == "bos.component.stable").SelectMany(d => d.Json!["data"]!["components"]!.AsArray())
                .Should().Contain(c => (string?)c!["id"] == id);
        }
    }

    [Fact]
    public async Task A_consumer_bound_to_one_routing_key_receives_only_those_events()
    {
        await using var client = await AmqpClient.ConnectAsync(cluster.Worker.VirtualHost.Name);
        await client.BindAsync("bos.events", "bos.sessiontemplate.*");
        (await cluster.Api.PutAsync("/v2/sessiontemplates/filtered", Json("{\"boot_sets\":{\"compute\":{\"path\":\"" + Image + "\",\"type\":\"s3\",\"node_list\":[\"" + Nodes[0] + "\"]}}}")))
            .EnsureSuccessStatusCode();
        (await cluster.Api.DeleteAsync("/v2/sessiontemplates/filtered")).EnsureSuccessStatusCode();
        using (var options = await cluster.Api.PatchAsync("/v2/options", JsonContent.Create(new { cleanup_completed_session_ttl = "7d" })))
            options.EnsureSuccessStatusCode();

        var deleted = await client.WaitFor(d => d.RoutingKey == "bos.sessiontemplate.deleted", "the template's deletion");
        ((string?)deleted.Json!["data"]!["name"]).Should().Be("filtered");
        await Eventually.Never(() => Task.FromResult(client.Received.Any(d => d.RoutingKey == "bos.options.changed")), "an options event on a template binding",
            TimeSpan.FromSeconds(1));
        client.Received.Select(d => d.RoutingKey).Should().Equal("bos.sessiontemplate.saved", "bos.sessiontemplate.deleted");
    }

    [Fact]
    public async Task A_consumer_binding_on_the_tenant_header_receives_that_tenants_session_and_component_events_only()
    {
        const string tenant = "vcluster-blue"; // owns nodes 1-4 in the simulator
        var node = OrchestrationCluster.Node(4);
        await using var client = await AmqpClient.ConnectAsync(cluster.Worker.VirtualHost.Name);
        await client.BindByHeadersAsync("bos.events", new Dictionary<string, object?> { ["bos-tenant"] = tenant });
        (await cluster.Api.PutAsync("/v2/components", Json($$"""[{"id":"{{node}}","enabled":false}]"""))).EnsureSuccessStatusCode();
        var template = "{\"boot_sets\":{\"compute\":{\"path\":\"" + Image + "\",\"type\":\"s3\",\"node_list\":[\"" + node + "\"]}}}";
        (await cluster.Api.PutAsync("/v2/sessiontemplates/untenanted", Json(template))).EnsureSuccessStatusCode();
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/v2/sessiontemplates/tenant-boot") { Content = Json(template) })
        {
            put.Headers.Add("Cray-Tenant-Name", tenant);
            (await cluster.Api.SendAsync(put)).EnsureSuccessStatusCode();
        }
        using (var post = new HttpRequestMessage(HttpMethod.Post, "/v2/sessions") { Content = Json("""{"name":"tenant-boot","template_name":"tenant-boot","operation":"boot"}""") })
        {
            post.Headers.Add("Cray-Tenant-Name", tenant);
            (await cluster.Api.SendAsync(post)).EnsureSuccessStatusCode();
        }

        await client.WaitFor(d => d.RoutingKey == "bos.session.completed", "the tenant session's completion");
        await client.WaitFor(d => d.RoutingKey == "bos.component.stable", "the tenant's node becoming stable");
        var received = client.Received;
        received.Should().OnlyContain(d => d.Header("bos-tenant") == tenant);
        received.Select(d => d.RoutingKey).Should().Contain(["bos.sessiontemplate.saved", "bos.session.created", "bos.component.phase_changed"]);
        received.Should().NotContain(d => d.RoutingKey == "bos.sessiontemplate.saved" && (string?)d.Json!["data"]!["name"] == "untenanted");
        received.Select(AsyncApiContract.EventError).OfType<string>().Should().BeEmpty();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
