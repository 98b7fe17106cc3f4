using System.Net;
using System.Text.Json;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Xunit;

namespace Bos.Simulator.Tests.Contract;

/// <summary>EXT-10: the HSM answers BOS reads.</summary>
public sealed class HsmContractTests(DemoClusterFixture cluster) : IClassFixture<DemoClusterFixture>
{
    private TestSimulator Sim => cluster.Sim;

    [Fact]
    public async Task State_components_lists_every_demo_node_with_the_fields_BOS_reads()
    {
        var components = (await Sim.GetJsonAsync("hsm/v2/State/Components")).GetProperty("Components").EnumerateArray().ToList();

        components.Should().HaveCount(16);
        components.Select(c => c.GetProperty("ID").GetString()).Should().StartWith(["x3000c0s1b0n0", "x3000c0s2b0n0"]);
        components.Should().OnlyContain(c => c.GetProperty("Type").GetString() == "Node");
        var byId = components.ToDictionary(c => c.GetProperty("ID").GetString()!);
        byId[DemoImages.Node(1)].GetProperty("Arch").GetString().Should().Be("X86");
        byId[DemoImages.Node(13)].GetProperty("Arch").GetString().Should().Be("ARM");
        byId[DemoImages.Node(1)].GetProperty("Role").GetString().Should().Be("Compute");
        byId[DemoImages.Node(15)].GetProperty("Role").GetString().Should().Be("Application");
        byId[DemoImages.Node(15)].GetProperty("SubRole").GetString().Should().Be("UAN");
        byId[DemoImages.Node(1)].TryGetProperty("SubRole", out _).Should().BeFalse("HSM omits an empty SubRole");
        byId[DemoImages.Node(12)].GetProperty("Enabled").GetBoolean().Should().BeFalse();
        byId[DemoImages.Node(1)].GetProperty("State").GetString().Should().Be("Off");
    }

    [Fact]
    public async Task Query_returns_only_known_ids_and_honours_the_enabled_string_list()
    {
        var ids = new[] { DemoImages.Node(1), DemoImages.Node(12), "x9999c0s1b0n0" };

        var all = await QueryAsync(new { ComponentIDs = ids });
        var enabled = await QueryAsync(new { ComponentIDs = ids, enabled = new[] { "True" } });

        all.Should().BeEquivalentTo([DemoImages.Node(1), DemoImages.Node(12)]);
        enabled.Should().BeEquivalentTo([DemoImages.Node(1)]);
    }

    [Fact]
    public async Task Groups_partitions_and_locks_have_the_shapes_session_setup_reads()
    {
        var groups = (await Sim.GetJsonAsync("hsm/v2/groups")).EnumerateArray().ToList();
        var partitions = (await Sim.GetJsonAsync("hsm/v2/partitions")).EnumerateArray().ToList();
        var locks = await Sim.GetJsonAsync("hsm/v2/locks/status?type=Node&locked=True");

        groups.Select(g => g.GetProperty("label").GetString()).Should().Equal("blue", "green");
        Members(groups[0]).Should().HaveCount(8).And.StartWith(DemoImages.Node(1));
        Members(groups[1]).Should().HaveCount(8).And.Contain(DemoImages.Node(16));
        partitions.Single().GetProperty("name").GetString().Should().Be("p1");
        Members(partitions.Single()).Should().HaveCount(16);
        locks.GetProperty("Components").EnumerateArray().Select(c => c.GetProperty("ID").GetString())
            .Should().Equal(DemoImages.Node(11));
    }

    [Fact]
    public async Task Unknown_component_and_group_are_404_problems()
    {
        using var component = await Sim.Http.GetAsync("hsm/v2/State/Components/x9999c0s1b0n0");
        using var group = await Sim.Http.GetAsync("hsm/v2/groups/nope");

        component.StatusCode.Should().Be(HttpStatusCode.NotFound);
        group.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonDocument.Parse(await group.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32().Should().Be(404);
    }

    private async Task<List<string?>> QueryAsync(object body)
    {
        using var response = await Sim.SendJsonAsync(HttpMethod.Post, "hsm/v2/State/Components/Query", body);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("Components")
            .EnumerateArray().Select(c => c.GetProperty("ID").GetString()).ToList();
    }

    private static List<string?> Members(JsonElement set) =>
        set.GetProperty("members").GetProperty("ids").EnumerateArray().Select(i => i.GetString()).ToList();
}
