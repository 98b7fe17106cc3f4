using Bos.Core.Clients;
using Bos.Core.Options;
using Bos.Simulator.Tests.Infrastructure;
using Bos.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Simulator.Tests.Clients;

/// <summary>PCS client: status, transitions, and splitting requests below PCS's limit and the batch size.</summary>
public sealed class PcsClientTests
{
    [Fact]
    public async Task Power_on_through_the_client_shows_up_in_power_status_and_the_transition()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress);
        var pcs = services.GetRequiredService<IPcsClient>();
        string[] nodes = [DemoImages.Node(1), DemoImages.Node(2)];

        var started = await pcs.StartTransitionAsync(PowerOperation.On, nodes);
        var statuses = await Eventually.Until(
            () => pcs.GetPowerStatusAsync([.. nodes, DemoImages.Node(3), "x9999c0s1b0n0"]),
            s => s.Where(x => nodes.Contains(x.Xname)).All(x => x.Bucket == "on"),
            "both nodes to report on");
        var transition = await pcs.GetTransitionAsync(started.Single().TransitionId);

        started.Single().Operation.Should().Be("On");
        statuses.Single(s => s.Xname == DemoImages.Node(3)).Bucket.Should().Be("off");
        statuses.Single(s => s.Xname == "x9999c0s1b0n0").Bucket.Should().Be("Component not found in component map.");
        transition.TaskCounts["succeeded"].Should().Be(2);
    }

    [Fact]
    public async Task Requests_larger_than_PCS_accepts_are_split_so_every_node_is_answered()
    {
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:Topology:NodeCount"] = "5000",
        });
        await using var services = ClientServices.For(sim.BaseAddress);
        var pcs = services.GetRequiredService<IPcsClient>();
        var nodes = Enumerable.Range(1, 5000).Select(DemoImages.Node).ToList();

        var statuses = await pcs.GetPowerStatusAsync(nodes);
        var started = await pcs.StartTransitionAsync(PowerOperation.ForceOff, nodes);
        var requests = await sim.GetJsonAsync("sim/requests");

        statuses.Select(s => s.Xname).Should().BeEquivalentTo(nodes);
        statuses.Should().OnlyContain(s => s.Bucket == "off");
        // max_component_batch_size 2800 and the client's PCS limit 2000: 2000 + 2000 + 1000.
        started.Should().HaveCount(3);
        requests.GetProperty("pcs POST /power-control/v1/power-status").GetInt64().Should().Be(3);
        requests.GetProperty("pcs POST /power-control/v1/transitions").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task A_smaller_max_component_batch_size_splits_further()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress, BosOptions.Defaults with { MaxComponentBatchSize = 5 });
        var pcs = services.GetRequiredService<IPcsClient>();

        var statuses = await pcs.GetPowerStatusAsync(Enumerable.Range(1, 16).Select(DemoImages.Node).ToList());
        var requests = await sim.GetJsonAsync("sim/requests");

        statuses.Should().HaveCount(16);
        requests.GetProperty("pcs POST /power-control/v1/power-status").GetInt64().Should().Be(4);
    }
}
