using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bos.Testing;
using Bos.Workers.Tests.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Sessions;

/// <summary>
/// A v1 session (V1-04) through to completion on the v2 engine: created with `POST /v1/session` on a template
/// created with `POST /v1/sessiontemplate`, its nodes booted by the component machinery on the simulated hardware,
/// its v1 status views following from the component records.
/// </summary>
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class V1SessionTests(SessionCluster cluster) : IClassFixture<SessionCluster>
{
    private static readonly string[] Nodes = [OrchestrationCluster.Node(1), OrchestrationCluster.Node(2)];

    [Fact]
    public async Task A_v1_boot_session_completes_and_its_v1_status_shows_every_node_booted_and_configured()
    {
        (await cluster.Api.PutAsync("/v2/components", Json("[" + string.Join(',', Nodes.Select(id => $$"""{"id":"{{id}}","enabled":false}""")) + "]")))
            .EnsureSuccessStatusCode();
        var template = $$"""
            {"name": "v1-compute", "cfs_url": "https://git/config.git", "cfs": {"configuration": "demo-config", "branch": "main"},
             "boot_sets": {"compute": {"path": "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json", "type": "s3",
               "network": "nmn", "boot_ordinal": 1, "node_list": [{{string.Join(",", Nodes.Select(n => $"\"{n}\""))}}]} } }
            """;
        (await cluster.Api.PostAsync("/v1/sessiontemplate", Json(template))).StatusCode.Should().Be(System.Net.HttpStatusCode.Created);

        using var created = await cluster.Api.PostAsync("/v1/session", Json("""{"operation": "boot", "templateName": "v1-compute"}"""));
        created.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetString()!["boa-".Length..];

        var details = await Eventually.Until(() => cluster.Api.GetFromJsonAsync<JsonElement>($"/v1/session/{id}"),
            d => d.GetProperty("complete").GetBoolean(), $"v1 session {id} complete", TimeSpan.FromSeconds(120));
        details.GetProperty("error_count").GetInt32().Should().Be(0);
        details.GetProperty("in_progress").GetBoolean().Should().BeFalse();
        details.GetProperty("stop_time").GetString().Should().NotBeNullOrEmpty();

        foreach (var phase in new[] { "boot", "configure" })
        {
            var succeeded = await cluster.Api.GetFromJsonAsync<JsonElement>($"/v1/session/{id}/status/compute/{phase}/succeeded");
            succeeded.GetProperty("node_list").EnumerateArray().Select(n => n.GetString()).Should().BeEquivalentTo(Nodes);
        }
        foreach (var node in Nodes) (await cluster.NodeAsync(node)).GetProperty("power").GetString().Should().Be("on");
        (await cluster.HistoryAsync(Nodes[0])).Should().ContainInOrder("On requested", "booted");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
