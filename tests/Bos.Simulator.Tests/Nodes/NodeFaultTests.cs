using System.Text.Json;
using Bos.Simulator.Tests.Infrastructure;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Simulator.Tests.Nodes;

/// <summary>Injected node faults: the situations BOS's retry and forceful paths exist for.</summary>
public sealed class NodeFaultTests
{
    [Fact]
    public async Task A_node_that_ignores_soft_off_stays_on_until_force_off()
    {
        var node = DemoImages.Node(2);
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:Faults:GracefulOffIgnored:Nodes:0"] = node,
        });
        await sim.PutBootParametersAsync([node]);
        await sim.TransitionAsync("On", node);
        await Eventually.True(async () => await sim.PhaseAsync(node) == "up", "the node to boot");

        var soft = await sim.TransitionAsync("Soft-Off", node);
        // Give it far longer than a graceful shutdown takes (15 simulated seconds at most).
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var stillUp = await sim.PhaseAsync(node);
        var softTask = await Eventually.Until(
            async () => (await sim.GetJsonAsync($"power-control/v1/transitions/{soft["transitionID"]}")).GetProperty("tasks")[0],
            t => t.GetProperty("taskStatus").GetString() != "in-progress",
            "the ignored Soft-Off to pass its deadline");
        await sim.TransitionAsync("Force-Off", node);
        await Eventually.True(async () => await sim.PhaseAsync(node) == "off", "Force-Off to take effect");

        stillUp.Should().Be("up");
        softTask.GetProperty("taskStatus").GetString().Should().Be("failed");
        Events(await sim.NodeAsync(node)).Should().ContainInOrder("Soft-Off ignored", "Force-Off requested", "powered off");
    }

    [Fact]
    public async Task A_node_whose_boot_hangs_is_on_but_never_up_and_never_reports()
    {
        await using var bos = await FakeBosApi.StartAsync();
        var hung = DemoImages.Node(3);
        var healthy = DemoImages.Node(4);
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:Faults:BootHangs:Nodes:0"] = hung,
        }, bos.Url);
        await sim.PutBootParametersAsync([hung, healthy]);

        await sim.TransitionAsync("On", hung, healthy);
        // The healthy node, powered on at the same moment, booting and reporting bounds how long to wait.
        await Eventually.True(async () => bos.ReportsOf(healthy).Count > 0, "the healthy node's report");
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        var view = await sim.NodeAsync(hung);
        view.GetProperty("phase").GetString().Should().Be("hung");
        view.GetProperty("power").GetString().Should().Be("on", "PCS sees a hung node as powered on");
        bos.ReportsOf(hung).Should().BeEmpty();
    }

    [Fact]
    public async Task Power_on_failure_keeps_the_node_off_and_fails_its_PCS_task()
    {
        var node = DemoImages.Node(5);
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:Faults:PowerOnFails:Nodes:0"] = node,
        });

        var started = await sim.TransitionAsync("On", node, DemoImages.Node(6));
        var transition = await Eventually.Until(
            () => sim.GetJsonAsync($"power-control/v1/transitions/{started["transitionID"]}"),
            t => t.GetProperty("transitionStatus").GetString() == "completed",
            "the transition to complete");

        var tasks = transition.GetProperty("tasks").EnumerateArray()
            .ToDictionary(t => t.GetProperty("xname").GetString()!, t => t.GetProperty("taskStatus").GetString());
        tasks[node].Should().Be("failed");
        tasks[DemoImages.Node(6)].Should().Be("succeeded");
        (await sim.PhaseAsync(node)).Should().Be("off");
    }

    [Fact]
    public async Task Injected_CFS_failure_leaves_the_component_failed()
    {
        var node = DemoImages.Node(7);
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:Faults:CfsFails:Nodes:0"] = node,
        });
        await sim.PutBootParametersAsync([node]);
        using (var patch = await sim.SendJsonAsync(HttpMethod.Patch, "cfs/v3/components",
                   new { patch = new { desired_config = "compute-config" }, filters = new { ids = node } }))
            patch.EnsureSuccessStatusCode();

        await sim.TransitionAsync("On", node);
        var component = await Eventually.Until(
            () => sim.GetJsonAsync($"cfs/v3/components/{node}"),
            c => c.GetProperty("configuration_status").GetString() != "pending",
            "CFS to finish with the node");

        component.GetProperty("configuration_status").GetString().Should().Be("failed");
    }

    [Fact]
    public async Task Fault_rates_drawn_from_the_seed_strike_some_nodes_and_spare_others()
    {
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:Faults:PowerOnFails:Rate"] = "0.5",
        });
        var nodes = Enumerable.Range(1, 16).Select(DemoImages.Node).ToArray();

        var started = await sim.TransitionAsync("On", nodes);
        var transition = await Eventually.Until(
            () => sim.GetJsonAsync($"power-control/v1/transitions/{started["transitionID"]}"),
            t => t.GetProperty("transitionStatus").GetString() == "completed",
            "the transition to complete");

        var counts = transition.GetProperty("taskCounts");
        counts.GetProperty("failed").GetInt32().Should().BeInRange(1, 15);
        counts.GetProperty("succeeded").GetInt32().Should().Be(16 - counts.GetProperty("failed").GetInt32());
    }

    private static List<string?> Events(JsonElement view) =>
        view.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
}
