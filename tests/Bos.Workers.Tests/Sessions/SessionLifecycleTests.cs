using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bos.Testing;
using Bos.Workers.Tests.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Sessions;

/// <summary>The demo cluster with every operator family in one worker: sessions go from the API to complete.</summary>
public sealed class SessionCluster : OrchestrationCluster
{
    protected override string OperatorFamilies => "sessions,components";
}

/// <summary>
/// End to end: sessions created through the real API are set up (OP-50), driven by the component sagas (OP-40) on the
/// simulated hardware, and completed (OP-60) — real Redis, RabbitMQ, API, worker and simulator. Each test works on
/// its own nodes of the 16-node demo cluster (groups blue 1-8 and green 9-16; 13-14 are ARM, 15-16 UANs).
/// </summary>
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class SessionLifecycleTests(SessionCluster cluster) : IClassFixture<SessionCluster>, IAsyncLifetime
{
    private const string Image = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";
    private HttpClient Api => cluster.Api;

    // Discovery's records, so that session setup finds BOS components for every node.
    public Task InitializeAsync() => cluster.DiscoverAllNodesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Boot_then_reboot_then_shutdown_sessions_complete_with_the_hardware_following()
    {
        var nodes = new[] { 1, 2, 3 }.Select(OrchestrationCluster.Node).ToArray();
        var template = await Template("lifecycle", $$"""{"node_list":[{{string.Join(',', nodes.Select(n => $"\"{n}\""))}}]}""");

        var boot = await RunToCompletion(template, "boot");
        boot.GetProperty("percent_successful").GetDouble().Should().Be(100);
        foreach (var id in nodes)
        {
            var c = await Component(id);
            c.GetProperty("enabled").GetBoolean().Should().BeFalse();
            c.GetProperty("status").GetProperty("status").GetString().Should().Be("stable");
            c.GetProperty("actual_state").GetProperty("boot_artifacts").GetProperty("kernel").GetString()
                .Should().Be(c.GetProperty("desired_state").GetProperty("boot_artifacts").GetProperty("kernel").GetString());
            (await cluster.NodeAsync(id)).GetProperty("power").GetString().Should().Be("on");
        }

        var reboot = await RunToCompletion(template, "reboot");
        reboot.GetProperty("percent_successful").GetDouble().Should().Be(100);
        var history = await cluster.HistoryAsync(nodes[0]);
        history.Should().ContainInOrder("On requested", "booted", "Soft-Off requested", "powered off", "On requested", "booted");

        var shutdown = await RunToCompletion(template, "shutdown");
        shutdown.GetProperty("percent_successful").GetDouble().Should().Be(100);
        foreach (var id in nodes) (await cluster.NodeAsync(id)).GetProperty("power").GetString().Should().Be("off");
    }

    [Fact]
    public async Task A_limit_expression_narrows_the_boot_set_and_arch_filters_arm_nodes()
    {
        var template = await Template("limited", """{"node_groups":["green"]}""");
        var session = await Create(template, "boot", limit: "green,!x3000c0s12b0n0");
        await Complete(session);

        var record = await Api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{session}");
        record.GetProperty("components").GetString()!.Split(',').Should()
            .BeEquivalentTo(new[] { 9, 10, 11, 15, 16 }.Select(OrchestrationCluster.Node), "ARM nodes 13-14 and the excluded 12 are left out");
        (await cluster.NodeAsync(OrchestrationCluster.Node(12))).GetProperty("power").GetString().Should().Be("off");
    }

    [Fact]
    public async Task A_staged_session_boots_only_when_applied()
    {
        var nodes = new[] { 5, 6 }.Select(OrchestrationCluster.Node).ToArray();
        var template = await Template("staged", $$"""{"node_list":["{{nodes[0]}}","{{nodes[1]}}"]}""");
        var session = await Create(template, "boot", stage: true);
        await Eventually.True(async () => (await Component(nodes[0])).TryGetProperty("staged_state", out var s)
            && s.TryGetProperty("session", out var name) && name.GetString() == session, "staged state written");
        (await cluster.NodeAsync(nodes[0])).GetProperty("power").GetString().Should().Be("off", "staging changes no hardware");

        var applied = await Api.PostAsync("/v2/applystaged", Json($$"""{"xnames":["{{nodes[0]}}","{{nodes[1]}}"]}"""));
        (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("succeeded").GetArrayLength().Should().Be(2);
        await Eventually.True(async () => (await Component(nodes[0])).GetProperty("status").GetProperty("status").GetString() == "stable"
            && (await cluster.NodeAsync(nodes[0])).GetProperty("power").GetString() == "on", "applied nodes booted", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Overlapping_sessions_hand_nodes_to_the_newer_session_and_both_complete()
    {
        var nodes = new[] { 7, 8 }.Select(OrchestrationCluster.Node).ToArray();
        var template = await Template("overlap", $$"""{"node_list":["{{nodes[0]}}","{{nodes[1]}}"]}""");
        var first = await Create(template, "boot");
        // The newer session is created once the first is set up: setups of two sessions that run at the same time may
        // finish in either order, and the one finishing last takes the nodes (docs/operators.md, session setup).
        await Eventually.True(async () => await SessionStatus(first) is "running" or "complete", "the first session set up");
        var second = await Create(template, "reboot");
        await Complete(first);
        await Complete(second);
        foreach (var id in nodes)
        {
            var c = await Component(id);
            c.GetProperty("session").GetString().Should().Be(second);
            c.GetProperty("status").GetProperty("status").GetString().Should().Be("stable");
        }
    }

    private async Task<string> Template(string name, string bootSetNodes)
    {
        var nodesPart = bootSetNodes.Trim()[1..^1];
        var body = $$$"""{"boot_sets":{"compute":{"path":"{{{Image}}}","type":"s3",{{{nodesPart}}}}},"cfs":{"configuration":"compute-config"}}""";
        (await Api.PutAsync($"/v2/sessiontemplates/{name}", Json(body))).StatusCode.Should().Be(HttpStatusCode.OK);
        return name;
    }

    private async Task<string> Create(string template, string operation, string? limit = null, bool stage = false)
    {
        var body = JsonSerializer.Serialize(new { template_name = template, operation, limit = limit ?? "", stage });
        var response = await Api.PostAsync("/v2/sessions", Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString()!;
    }

    private async Task Complete(string session) =>
        await Eventually.True(async () => await SessionStatus(session) == "complete", $"session {session} complete", TimeSpan.FromSeconds(90));

    private async Task<string?> SessionStatus(string session) =>
        (await Api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{session}")).GetProperty("status").GetProperty("status").GetString();

    private async Task<JsonElement> RunToCompletion(string template, string operation)
    {
        var session = await Create(template, operation);
        await Complete(session);
        var status = await Api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{session}/status");
        status.GetProperty("status").GetString().Should().Be("complete");
        return status;
    }

    private async Task<JsonElement> Component(string id) => await Api.GetFromJsonAsync<JsonElement>($"/v2/components/{id}");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
