using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Bos.Testing;
using Bos.Workers.Tests.Orchestration;
using Bos.Workers.Tests.Sessions;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Integration;

/// <summary>
/// The commands as another service sends them (docs/integration.md): a plain AMQP client publishes to bos.commands
/// with reply_to and correlation_id and reads the reply, which is the REST call's status and body (or its problem).
/// </summary>
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class CommandsTests(SessionCluster cluster) : IClassFixture<SessionCluster>, IAsyncLifetime
{
    private const string Image = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";
    private AmqpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = await AmqpClient.ConnectAsync(cluster.Worker.VirtualHost.Name);
        var ids = Enumerable.Range(1, cluster.NodeCount).Select(OrchestrationCluster.Node);
        (await cluster.Api.PutAsync("/v2/components", Json("[" + string.Join(',', ids.Select(id => $$"""{"id":"{{id}}","enabled":false}""")) + "]")))
            .EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    private Task<AmqpDelivery> Send(string command, string? body, params (string Name, string Value)[] headers) =>
        _client.RequestAsync("bos.commands", command, body, headers.ToDictionary(h => h.Name, h => (object?)h.Value));

    [Fact]
    public async Task A_session_created_by_command_runs_to_completion_and_its_status_command_answers_as_the_rest_call()
    {
        var node = OrchestrationCluster.Node(3);
        (await cluster.Api.PutAsync("/v2/sessiontemplates/by-command", Json(Template(node)))).EnsureSuccessStatusCode();

        var created = await Send("session.create", """{"name":"by-command","template_name":"by-command","operation":"boot"}""");
        Status(created).Should().Be(201);
        created.Properties.ContentType.Should().Be("application/json");
        ((string?)created.Json!["name"], (string?)created.Json["status"]!["status"]).Should().Be(("by-command", "pending"));
        (await cluster.Api.GetFromJsonAsync<JsonObject>("/v2/sessions/by-command"))!["operation"]!.ToString().Should().Be("boot");

        await Eventually.True(async () => (await cluster.Api.GetFromJsonAsync<JsonObject>("/v2/sessions/by-command"))!["status"]!["status"]!.ToString() == "complete",
            "the session completed");
        var status = await Send("session.status", null, ("session_id", "by-command"));
        Status(status).Should().Be(200);
        var rest = await cluster.Api.GetStringAsync("/v2/sessions/by-command/status");
        JsonNode.DeepEquals(status.Json, JsonNode.Parse(rest)).Should().BeTrue("the reply is the REST call's body: {0} vs {1}", status.Json!.ToJsonString(), rest);
        ((double)status.Json!["percent_successful"]!).Should().Be(100);
        status.Json.AsObject().ContainsKey("eta").Should().BeFalse("the ETA is an extension asked for with include");

        var withEta = await Send("session.status", null, ("session_id", "by-command"), ("include", "eta"));
        Status(withEta).Should().Be(200);
        withEta.Json!.AsObject().ContainsKey("eta").Should().BeTrue("header include=eta is the REST query ?include=eta");
    }

    [Theory]
    [InlineData("session.create", """{"template_name":"x"}""", null)]
    [InlineData("session.create", """{"template_name":"x","operation":"reboot","stage":"yes"}""", null)]
    [InlineData("session.create", """{"template_name":"no-such-template","operation":"reboot"}""", null)]
    [InlineData("session.create", """{"template_name":"x","operation":"boot"}""", "no-such-tenant")]
    [InlineData("session.create", "not json", null)]
    [InlineData("applystaged", """{"xnames":"x3000c0s1b0n0"}""", null)]
    [InlineData("components.update", """[{"id":"x3000c0s1b0n0","enabled":"no"}]""", null)]
    public async Task A_refused_command_is_answered_with_the_problem_its_rest_call_answers(string command, string body, string? tenant)
    {
        var reply = tenant is null ? await Send(command, body) : await Send(command, body, ("Cray-Tenant-Name", tenant));
        var (method, path) = command switch
        {
            "session.create" => (HttpMethod.Post, "/v2/sessions"),
            "applystaged" => (HttpMethod.Post, "/v2/applystaged"),
            _ => (HttpMethod.Patch, "/v2/components"),
        };
        using var request = new HttpRequestMessage(method, path) { Content = Json(body) };
        if (tenant is not null) request.Headers.Add("Cray-Tenant-Name", tenant);
        using var rest = await cluster.Api.SendAsync(request);

        Status(reply).Should().Be((int)rest.StatusCode).And.BeInRange(400, 499);
        reply.Properties.ContentType.Should().Be("application/problem+json");
        JsonNode.DeepEquals(reply.Json, JsonNode.Parse(await rest.Content.ReadAsStringAsync())).Should().BeTrue(reply.Json!.ToJsonString());
    }

    [Fact]
    public async Task Components_are_disabled_enabled_and_updated_by_command_and_applystaged_answers_per_component()
    {
        var (a, b) = (OrchestrationCluster.Node(5), OrchestrationCluster.Node(6));
        var enabled = await Send("components.enable", $$"""{"ids":"{{a}},{{b}}"}""");
        Status(enabled).Should().Be(200);
        enabled.Json!.AsArray().Select(c => ((string)c!["id"]!, (bool)c["enabled"]!)).Should().BeEquivalentTo(new[] { (a, true), (b, true) });

        var disabled = await Send("components.disable", $$"""{"ids":"{{b}}"}""");
        Status(disabled).Should().Be(200);
        (await cluster.ComponentAsync(b))!.Enabled.Should().BeFalse();

        var updated = await Send("components.update", $$"""[{"id":"{{a}}","enabled":false,"retry_policy":2}]""");
        Status(updated).Should().Be(200);
        ((await cluster.ComponentAsync(a))!.Enabled, (await cluster.ComponentAsync(a))!.RetryPolicy).Should().Be((false, 2));

        var missing = await Send("components.update", """[{"id":"x9999c0s1b0n0","enabled":false}]""", ("skip_bad_ids", "true"));
        Status(missing).Should().Be(200);

        var applied = await Send("applystaged", $$"""{"xnames":["{{a}}"]}""");
        Status(applied).Should().Be(200);
        applied.Json!["ignored"]!.AsArray().Select(x => (string)x!).Should().Equal(a);
    }

    [Fact]
    public async Task An_unknown_command_is_answered_404_with_the_commands_named()
    {
        var reply = await Send("session.explode", "{}");
        Status(reply).Should().Be(404);
        ((string)reply.Json!["detail"]!).Should().Contain("session.create");
    }

    [Fact]
    public async Task Write_commands_are_in_the_audit_log_with_their_outcome_and_reads_are_not()
    {
        var node = OrchestrationCluster.Node(10);
        Status(await Send("components.disable", $$"""{"ids":"{{node}}"}""")).Should().Be(200);
        Status(await Send("session.status", null, ("session_id", "no-such-session"))).Should().Be(404);
        Status(await Send("no.such.command", "{}")).Should().Be(404);

        var entries = (await cluster.Api.GetFromJsonAsync<JsonObject>("/v2/audit?limit=1000"))!["entries"]!.AsArray()
            .Where(e => (string?)e!["channel"] == "amqp").Select(e => $"{e!["action"]} {e["resource_type"]}/{e["resource_id"]} {e["status"]} {e["problem"]}").ToList();

        entries.Should().Contain($"command components.disable component/{node} 200 ").And.Contain("command no.such.command / 404 Not Found")
            .And.NotContain(e => e.StartsWith("command session.status", StringComparison.Ordinal));
    }

    private static string Template(string node) =>
        new JsonObject { ["boot_sets"] = new JsonObject { ["compute"] = new JsonObject { ["path"] = Image, ["type"] = "s3", ["node_list"] = new JsonArray(node) } } }
            .ToJsonString();

    private static int Status(AmqpDelivery reply)
    {
        AsyncApiContract.ReplyError(reply).Should().BeNull();
        return int.Parse(reply.Header("status")!);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
