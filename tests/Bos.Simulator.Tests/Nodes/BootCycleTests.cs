using System.Text.Json;
using Bos.Simulator.Tests.Infrastructure;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Simulator.Tests.Nodes;

/// <summary>
/// EXT-90 items 2-5 and REP: a node powered on boots what BSS holds for it, then does what cfs-state-reporter and
/// bos-reporter do on a real node.
/// </summary>
public sealed class BootCycleTests : IAsyncLifetime
{
    private FakeBosApi _bos = null!;
    private TestSimulator _sim = null!;

    public async Task InitializeAsync()
    {
        _bos = await FakeBosApi.StartAsync();
        _sim = await TestSimulator.StartAsync(bosApi: _bos.Url);
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        await _bos.DisposeAsync();
    }

    [Fact]
    public async Task Powered_on_node_boots_its_BSS_parameters_and_reports_the_token_of_that_PUT()
    {
        var node = DemoImages.Node(1);
        await _sim.PutBootParametersAsync([node], "console=ttyS0 old");
        var token = await _sim.PutBootParametersAsync([node, DemoImages.Node(2)], "console=ttyS0 bos_update_frequency=4h");

        await _sim.TransitionAsync("On", node);
        await Eventually.True(async () => _bos.ReportsOf(node).Count > 0, "the node's first report");

        var report = _bos.ReportsOf(node)[0].Body;
        report["id"]!.GetValue<string>().Should().Be(node);
        report["actual_state"]!["bss_token"]!.GetValue<string>().Should().Be(token);
        // The node notes the report in its history once BOS has answered, a moment after BOS has seen it.
        await Eventually.True(async () => Events(await _sim.NodeAsync(node)).Contains("reported to BOS"), "the report in the node's history");
        var view = await _sim.NodeAsync(node);
        view.GetProperty("phase").GetString().Should().Be("up");
        view.GetProperty("power").GetString().Should().Be("on");
        view.GetProperty("booted").GetProperty("token").GetString().Should().Be(token);
        view.GetProperty("booted").GetProperty("kernel").GetString().Should().Be($"s3://boot-images/{DemoImages.X86}/kernel");
        Events(view).Should().ContainInOrder("On requested", "powered on", "booted", "reported to BOS");
    }

    [Fact]
    public async Task Booting_node_reenables_CFS_which_then_configures_it()
    {
        var node = DemoImages.Node(3);
        await _sim.PutBootParametersAsync([node]);
        // What BOS's power-on operator does before PCS On: disable CFS, set the desired config, clear state.
        using (var patch = await _sim.SendJsonAsync(HttpMethod.Patch, "cfs/v3/components", new
        {
            patch = new { enabled = false, desired_config = "compute-config", state = Array.Empty<object>() },
            filters = new { ids = node },
        }))
            patch.EnsureSuccessStatusCode();

        await _sim.TransitionAsync("On", node);
        var component = await Eventually.Until(
            () => _sim.GetJsonAsync($"cfs/v3/components/{node}"),
            c => c.GetProperty("configuration_status").GetString() == "configured",
            "CFS to configure the booted node");

        component.GetProperty("enabled").GetBoolean().Should().BeTrue("cfs-state-reporter re-enables the component at boot");
        component.GetProperty("state")[0].GetProperty("status").GetString().Should().Be("applied");
    }

    [Fact]
    public async Task Graceful_off_powers_the_node_off_after_a_delay_and_its_reports_stop()
    {
        var node = DemoImages.Node(4);
        await _sim.PutBootParametersAsync([node]);
        await _sim.TransitionAsync("On", node);
        await Eventually.True(async () => _bos.ReportsOf(node).Count > 0, "the node's first report");

        var off = await _sim.TransitionAsync("Soft-Off", node);
        await Eventually.True(async () => await _sim.PhaseAsync(node) == "off", "the node to power off");
        var transition = await _sim.GetJsonAsync($"power-control/v1/transitions/{off["transitionID"]}");

        transition.GetProperty("tasks")[0].GetProperty("taskStatus").GetString().Should().Be("succeeded");
        var view = await _sim.NodeAsync(node);
        view.GetProperty("booted").ValueKind.Should().Be(JsonValueKind.Null);
        Events(view).Should().ContainInOrder("Soft-Off requested", "powered off");
    }

    [Fact]
    public async Task A_node_without_boot_parameters_boots_but_has_no_token_to_report()
    {
        var node = DemoImages.Node(5);

        await _sim.TransitionAsync("On", node);
        await Eventually.True(async () => await _sim.PhaseAsync(node) == "up", "the node to boot");

        Events(await _sim.NodeAsync(node)).Should().Contain("bos-reporter idle");
        _bos.ReportsOf(node).Should().BeEmpty();
    }

    private static List<string?> Events(JsonElement view) =>
        view.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
}
