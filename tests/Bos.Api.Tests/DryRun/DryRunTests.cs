using System.Net;
using System.Text.Json.Nodes;
using Bos.Api.Tests.Integration;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.DryRun;

/// <summary>
/// POST /v2/sessions/dryrun and /v2/applystaged/dryrun (issue #17) against the simulated demo cluster (nodes 1-8 in
/// group "blue", all off at start): the create's checks, the setup planner's selection, the action per node from its
/// PCS power state, and not one Redis key changed (the outbox lives in Redis, so no event either).
/// </summary>
[NeedsServices]
public sealed class DryRunTests(SimulatorApiFactory factory) : IClassFixture<SimulatorApiFactory>
{
    private const string Manifest = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";
    private readonly HttpClient _client = factory.CreateClient();

    private static string Node(int i) => $"x3000c0s{i}b0n0";

    private async Task<string> Template(string groups = "\"blue\"")
    {
        var name = ApiJson.Unique("tpl");
        (await _client.Put($"/v2/sessiontemplates/{name}", $$"""
            {"boot_sets": {"compute": {"path": "{{Manifest}}", "type": "s3", "node_groups": [{{groups}}]} }, "cfs": {"configuration": "demo-config"} }
            """)).ShouldBe(HttpStatusCode.OK);
        return name;
    }

    private async Task Components(params int[] nodes) =>
        (await _client.Put("/v2/components", "[" + string.Join(",", nodes.Select(i => $$"""{"id": "{{Node(i)}}", "enabled": false}""")) + "]"))
        .ShouldBe(HttpStatusCode.OK);

    private async Task PowerOn(int node)
    {
        using var response = await factory.SimulatorClient.PostAsync("power-control/v1/transitions",
            HttpJson.Body($$"""{"operation": "On", "location": [{"xname": "{{Node(node)}}"}]}"""));
        response.EnsureSuccessStatusCode();
        await Eventually.True(async () => (await factory.SimulatorClient.GetStringAsync($"power-control/v1/power-status?xname={Node(node)}"))
            .Contains("\"powerState\":\"on\""), $"{Node(node)} is on");
    }

    private async Task<JsonNode> DryRun(string body) => (await _client.Post("/v2/sessions/dryrun", body)).ShouldBe(HttpStatusCode.OK);

    private static Dictionary<string, string> Actions(JsonNode answer) =>
        answer["nodes"]!.AsArray().ToDictionary(n => (string)n!["id"]!, n => (string)n!["action"]!);

    [Fact]
    public async Task A_reboot_dry_run_shows_the_selected_nodes_their_states_and_actions_and_writes_nothing()
    {
        var template = await Template();
        await Components(1, 2, 3);
        await PowerOn(1);
        var name = ApiJson.Unique("dry");
        var before = await RedisSnapshot.TakeRelayedAsync(factory.Redis.KeyPrefix);

        var answer = await DryRun($$"""
            {"name": "{{name}}", "template_name": "{{template}}", "operation": "reboot", "limit": "{{Node(1)}},{{Node(2)}},{{Node(4)}},{{Node(12)}}"}
            """);

        (await RedisSnapshot.TakeAsync(factory.Redis.KeyPrefix)).Should().Equal(before);
        (await _client.Get($"/v2/sessions/{name}")).ShouldBeNotFound();
        answer["would_succeed"]!.GetValue<bool>().Should().BeTrue();
        // Node 12 is not in "blue"; node 4 is, but is no BOS component; 1 is on, 2 is off.
        Actions(answer).Should().Equal(new Dictionary<string, string> { [Node(1)] = "reboot", [Node(2)] = "power_on", [Node(4)] = "skip" });
        answer["actions"]!.ToJsonString().Should().Be("""{"power_on":1,"reboot":1,"skip":1}""");
        var first = answer["nodes"]![0]!;
        first["boot_set"]!.GetValue<string>().Should().Be("compute");
        first["current"]!["power"]!.GetValue<string>().Should().Be("on");
        first["current"]!["enabled"]!.GetValue<bool>().Should().BeFalse();
        first["target"]!["configuration"]!.GetValue<string>().Should().Be("demo-config");
        first["target"]!["boot_artifacts"]!["kernel"]!.GetValue<string>().Should().StartWith("s3://boot-images/");
        answer["nodes"]![2]!["reason"]!.GetValue<string>().Should().Be("not a BOS component");
        answer["warnings"]!.AsArray().Select(w => (string)w!).Should().Equal("1 nodes to act upon are not BOS components and would be skipped");
    }

    [Fact]
    public async Task A_shutdown_powers_off_the_on_nodes_and_a_staged_session_only_stages()
    {
        var template = await Template();
        await Components(5, 6);
        await PowerOn(5);
        var limit = $"{Node(5)},{Node(6)}";

        Actions(await DryRun($$"""{"template_name": "{{template}}", "operation": "shutdown", "limit": "{{limit}}"}"""))
            .Should().Equal(new Dictionary<string, string> { [Node(5)] = "power_off", [Node(6)] = "none" });
        var staged = await DryRun($$"""{"template_name": "{{template}}", "operation": "boot", "limit": "{{limit}}", "stage": true}""");
        Actions(staged).Values.Should().AllBe("stage");
        staged["nodes"]![0]!["target"]!["staged"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_request_the_create_would_refuse_answers_its_refusal_and_nothing_else()
    {
        var answer = await DryRun("""{"template_name": "no-such-template", "operation": "boot"}""");

        answer["would_succeed"]!.GetValue<bool>().Should().BeFalse();
        answer["errors"]!.AsArray().Select(e => (string)e!).Should().Equal("Session Template Name invalid: no-such-template");
        answer["nodes"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_groups_are_warnings_and_no_nodes_is_the_setup_error_the_session_would_end_with()
    {
        var template = await Template("\"no-such-group\"");

        var answer = await DryRun($$"""{"template_name": "{{template}}", "operation": "boot", "limit": "x9999c0s1b0n0,nid000123"}""");

        answer["warnings"]!.AsArray().Select(w => (string)w!).Should().Equal(
            "session limit appears to contain NIDs: x9999c0s1b0n0,nid000123", "No hardware matching label no-such-group");
        answer["errors"]!.AsArray().Select(e => (string)e!).Should().Equal("No nodes were found to act upon.");
    }

    [Fact]
    public async Task An_existing_session_name_is_the_conflict_the_create_would_answer()
    {
        var template = await Template();
        await Components(7);
        var name = ApiJson.Unique("dup");
        (await _client.Post("/v2/sessions", $$"""{"name": "{{name}}", "template_name": "{{template}}", "operation": "boot", "stage": true}"""))
            .ShouldBe(HttpStatusCode.Created);

        var answer = await DryRun($$"""{"name": "{{name}}", "template_name": "{{template}}", "operation": "boot", "limit": "{{Node(7)}}"}""");

        answer["errors"]!.AsArray().Select(e => (string)e!).Should().Equal($"Session '{name}' already exists");
        Actions(answer)[Node(7)].Should().Be("power_on");
        (await _client.Get($"/v2/sessions/{name}")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_the_spec_refuses_is_a_400_problem_as_for_the_create() =>
        (await _client.Post("/v2/sessions/dryrun", """{"template_name": "t"}""")).ShouldBeBadRequest().Should().Contain("operation");

    [Fact]
    public async Task An_applystaged_dry_run_shows_what_each_staged_node_would_get_and_writes_nothing()
    {
        var template = await Template();
        var session = ApiJson.Unique("staged");
        (await _client.Post("/v2/sessions", $$"""{"name": "{{session}}", "template_name": "{{template}}", "operation": "reboot", "stage": true}"""))
            .ShouldBe(HttpStatusCode.Created);
        var kernel = """{"kernel": "s3://k", "kernel_parameters": "p", "initrd": "s3://i"}""";
        (await _client.Put("/v2/components", $$"""
            [{"id": "{{Node(8)}}", "staged_state": {"session": "{{session}}", "configuration": "c", "boot_artifacts": {{kernel}} } },
             {"id": "{{Node(3)}}", "staged_state": {"session": "gone-session", "boot_artifacts": {{kernel}} } },
             {"id": "{{Node(16)}}"}]
            """)).ShouldBe(HttpStatusCode.OK);
        var before = await RedisSnapshot.TakeRelayedAsync(factory.Redis.KeyPrefix);

        var answer = (await _client.Post("/v2/applystaged/dryrun", $$"""{"xnames": ["{{Node(8)}}", "{{Node(3)}}", "{{Node(16)}}"]}"""))
            .ShouldBe(HttpStatusCode.OK);

        (await RedisSnapshot.TakeAsync(factory.Redis.KeyPrefix)).Should().Equal(before);
        Actions(answer).Should().Equal(new Dictionary<string, string> { [Node(3)] = "skip", [Node(8)] = "power_on" });
        answer["nodes"]![1]!["target"]!["configuration"]!.GetValue<string>().Should().Be("c");
        answer["errors"]!.AsArray().Select(e => (string)e!).Should().Equal(
            $"{Node(3)}: would fail: Staged session no longer exists (session: gone-session, tenant: )");
        answer["warnings"]!.AsArray().Select(w => (string)w!).Should().Equal($"Ignored (nothing staged, or not the tenant's): {Node(16)}");
    }

    [Fact]
    public async Task The_served_OpenAPI_documents_both_dry_runs_as_Bos_extensions()
    {
        var paths = (await _client.Get("/v2/openapi.json")).ShouldBe(HttpStatusCode.OK)["paths"]!;

        paths["/v2/sessions/dryrun"]!["post"]!["tags"]!.AsArray().Select(t => (string)t!).Should().Contain("bos-extensions");
        paths["/v2/sessions/dryrun"]!["post"]!["requestBody"].Should().NotBeNull();
        paths["/v2/applystaged/dryrun"]!["post"]!["operationId"]!.GetValue<string>().Should().Be("post_v2_apply_staged_dryrun");
    }

    [Fact]
    public async Task A_session_named_dryrun_is_still_read_through_the_upstream_path()
    {
        var template = await Template();
        (await _client.Post("/v2/sessions", $$"""{"name": "dryrun", "template_name": "{{template}}", "operation": "boot", "stage": true}"""))
            .ShouldBe(HttpStatusCode.Created);

        (await _client.Get("/v2/sessions/dryrun")).ShouldBe(HttpStatusCode.OK)["name"]!.GetValue<string>().Should().Be("dryrun");
        (await _client.Delete("/v2/sessions/dryrun")).ShouldBeNoContent();
    }
}
