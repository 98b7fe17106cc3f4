using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Redis;
using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Bos.Workers.Tests.Orchestration.OrchestrationCluster;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// End to end against the simulator: components set up as session setup does are driven to their desired state by
/// the worker (sagas, batched PCS/BSS/CFS calls, scheduled timeouts), with the nodes reporting to the real API.
/// Each test uses nodes of its own in the shared 16-node cluster.
/// </summary>
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class OrchestrationTests(OrchestrationCluster cluster) : IClassFixture<OrchestrationCluster>
{
    [Fact]
    public async Task Boot_of_nodes_that_are_off_ends_stable_configured_and_disabled_with_batched_calls()
    {
        var nodes = Enumerable.Range(1, 4).Select(Node).ToList();
        await cluster.ClearRequestsAsync();

        await cluster.SetUpAsync(nodes, configuration: "compute-config");
        var records = await cluster.SettledAsync(nodes);

        foreach (var c in records)
        {
            ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable, c.Id);
            c.Error.Should().BeEmpty();
            c.Status!.Phase.Should().Be("");
            c.LastAction!.Action.Should().Be(Actions.PoweringOn);
            c.ActualState!.BootArtifacts.Should().BeEquivalentTo(new BootArtifacts { Kernel = Kernel, KernelParameters = KernelParameters, Initrd = Initrd },
                o => o.Excluding(a => a.Timestamp));
            c.ActualState.BssToken.Should().Be(c.DesiredState!.BssToken).And.NotBeEmpty();
            c.EventStats.Should().BeEquivalentTo(EventStats.Zero);
            var node = await cluster.NodeAsync(c.Id!);
            node.GetProperty("power").GetString().Should().Be("on");
            node.GetProperty("cfs").GetProperty("configurationStatus").GetString().Should().Be("configured");
            node.GetProperty("cfs").GetProperty("desiredConfig").GetString().Should().Be("compute-config");
            (await cluster.HistoryAsync(c.Id!)).Count(e => e.EndsWith("requested", StringComparison.Ordinal)).Should().Be(1, "one On and nothing else");
        }

        // One PCS On and one BSS PUT for the four nodes: the requests were batched, not made per node.
        var requests = await cluster.RequestsAsync();
        requests.Where(r => r.Key.StartsWith("pcs POST", StringComparison.Ordinal) && r.Key.EndsWith("/transitions", StringComparison.Ordinal)).Sum(r => r.Value)
            .Should().Be(1);
        requests.Where(r => r.Key.StartsWith("bss PUT", StringComparison.Ordinal)).Sum(r => r.Value).Should().Be(1);
        requests.Where(r => r.Key.StartsWith("cfs PATCH", StringComparison.Ordinal)).Sum(r => r.Value).Should().Be(1);
        // Power status is read per batch of observations, never per node: reading per node takes at least two reads a
        // node (the first observation and the one after its boot report). Batches may split when the nodes' reports
        // arrive apart (a busy test machine: 4 reads seen once), so the bound is what per-node reading cannot get under.
        requests.Where(r => r.Key.StartsWith("pcs POST", StringComparison.Ordinal) && r.Key.EndsWith("/power-status", StringComparison.Ordinal)).Sum(r => r.Value)
            .Should().BeLessThan(2 * nodes.Count);

        // Every saga ended and took its timeouts along; the transition watch ended with its transition.
        await cluster.NothingLeftAsync();
    }

    [Fact]
    public async Task Reboot_of_running_nodes_powers_them_off_gracefully_then_on()
    {
        var nodes = new[] { Node(5), Node(6) };
        await cluster.PowerOnDirectlyAsync(nodes);

        await cluster.SetUpAsync(nodes, reboot: true);
        var records = await cluster.SettledAsync(nodes);

        foreach (var c in records)
        {
            ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable);
            c.ActualState!.BootArtifacts!.Kernel.Should().Be(Kernel);
            var history = await cluster.HistoryAsync(c.Id!);
            history.Should().ContainInOrder("Soft-Off requested", "powered off", "On requested", "powered on", "booted", "reported to BOS");
            history.Should().NotContain("Force-Off requested");
        }
    }

    [Fact]
    public async Task When_its_transitions_have_ended_the_worker_counts_no_PCS_tasks_under_watch()
    {
        var nodes = new[] { Node(14), Node(15) };
        await cluster.PowerOnDirectlyAsync(nodes);
        await cluster.SetUpAsync(nodes, reboot: true);
        await cluster.SettledAsync(nodes);

        // The count paces the reads of every transition (PollPause.ForTransitions); one left behind would slow them all.
        var watched = cluster.Services.GetRequiredService<WatchedTransitionTasks>();
        await Eventually.Until(() => Task.FromResult(watched.Total), total => total == 0, "no tasks under watch");
    }

    [Fact]
    public async Task Shutdown_of_a_running_node_ends_stable_with_the_node_off()
    {
        var node = Node(7);
        await cluster.PowerOnDirectlyAsync(node);

        await cluster.SetUpAsync([node], boot: false);
        var c = (await cluster.SettledAsync([node])).Single();

        ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable);
        c.LastAction!.Action.Should().Be(Actions.PoweringOffGracefully);
        (await cluster.NodeAsync(node)).GetProperty("power").GetString().Should().Be("off");
        (await cluster.HistoryAsync(node)).Should().ContainInOrder("Soft-Off requested", "powered off");
    }

    [Fact]
    public async Task A_node_that_ignores_graceful_off_is_forced_off_after_max_power_off_wait_time()
    {
        var node = Node(8);
        await cluster.PowerOnDirectlyAsync(node);
        await cluster.FaultsAsync(new { gracefulOffIgnored = new { nodes = new[] { node } } });

        await cluster.SetUpAsync([node], boot: false);
        var c = (await cluster.SettledAsync([node])).Single();

        ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable);
        c.LastAction!.Action.Should().Be(Actions.PoweringOffForcefully);
        c.Error.Should().BeEmpty();
        (await cluster.NodeAsync(node)).GetProperty("power").GetString().Should().Be("off");
        (await cluster.HistoryAsync(node)).Should().ContainInOrder("Soft-Off ignored", "Force-Off requested", "powered off");
    }

    [Fact]
    public async Task A_failed_power_on_is_retried_after_max_power_on_wait_time_within_the_retry_policy()
    {
        var node = Node(9);
        await cluster.FaultsAsync(new { powerOnFails = new { nodes = new[] { node } } });

        await cluster.SetUpAsync([node]);
        await Eventually.True(async () => (await cluster.HistoryAsync(node)).Contains("power-on failed"), "the first power-on to fail");
        await cluster.FaultsAsync(new { powerOnFails = new { nodes = Array.Empty<string>() } });
        var c = (await cluster.SettledAsync([node])).Single();

        ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable);
        c.ActualState!.BootArtifacts!.Kernel.Should().Be(Kernel);
        (await cluster.HistoryAsync(node)).Should().ContainInOrder("power-on failed", "On requested", "powered on", "booted");
    }

    [Fact]
    public async Task A_node_whose_boot_hangs_is_rebooted_after_max_boot_wait_time()
    {
        var node = Node(10);
        await cluster.FaultsAsync(new { bootHangs = new { nodes = new[] { node } } });

        await cluster.SetUpAsync([node]);
        await Eventually.True(async () => (await cluster.NodeAsync(node)).GetProperty("phase").GetString() == "hung"
                                || (await cluster.HistoryAsync(node)).Contains("powered on"), "the node to power on and hang");
        await cluster.FaultsAsync(new { bootHangs = new { nodes = Array.Empty<string>() } });
        var c = (await cluster.SettledAsync([node])).Single();

        ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable);
        c.ActualState!.BootArtifacts!.Kernel.Should().Be(Kernel);
        (await cluster.HistoryAsync(node)).Should().ContainInOrder("On requested", "powered on", "Soft-Off requested", "powered off", "On requested", "booted");
    }

    [Fact]
    public async Task A_CFS_failure_leaves_the_component_failed_and_disabled()
    {
        var node = Node(11);
        await cluster.FaultsAsync(new { cfsFails = new { nodes = new[] { node } } });

        await cluster.SetUpAsync([node], configuration: "compute-config");
        var c = (await cluster.SettledAsync([node])).Single();

        ComponentStatusRule.Compute(c).Should().Be(Statuses.Failed);
        c.Status!.Phase.Should().Be(Phases.Configuring);
        c.Error.Should().Be("cfs configuration failed");
        (await cluster.NodeAsync(node)).GetProperty("cfs").GetProperty("configurationStatus").GetString().Should().Be("failed");
    }

    [Fact]
    public async Task Exhausted_power_on_retries_leave_the_component_failed_with_upstreams_error()
    {
        var node = Node(12);
        await cluster.FaultsAsync(new { powerOnFails = new { nodes = new[] { node } } });

        await cluster.SetUpAsync([node], retryPolicy: 2);
        await cluster.Services.GetRequiredService<ComponentWriter>().PatchAsync([new Component { Id = node, RetryPolicy = 2 }]);
        var c = (await cluster.SettledAsync([node])).Single();

        ComponentStatusRule.Compute(c).Should().Be(Statuses.Failed);
        c.Error.Should().Be(PowerOperator.RetryLimitError);
        c.EventStats!.PowerOnAttempts.Should().Be(2);
        (await cluster.HistoryAsync(node)).Count(e => e == "power-on failed").Should().Be(2);
    }

    [Fact]
    public async Task An_enabled_component_that_never_had_a_saga_is_picked_up_by_the_reconciler()
    {
        var node = Node(13);
        await cluster.SetUpAsync([node]);
        await cluster.SettledAsync([node]);
        // As if enabled before the workers ran: stored without a change event (bypassing the outbox).
        var record = (await cluster.ComponentAsync(node))! with
        {
            Enabled = true,
            DesiredState = new DesiredState { BootArtifacts = BootArtifacts.Empty, Configuration = "", BssToken = "" },
            Status = new ComponentStatus { Phase = "", StatusOverride = Statuses.OnHold },
        };
        await cluster.Services.GetRequiredService<IRedisStore>().SetAsync(ComponentRepository.Key(node), Core.Json.BosJson.Serialize(record));

        // This sweep or the host's own periodic one (whichever runs first) picks it up; the power-off below proves it.
        await cluster.Services.GetRequiredService<ComponentReconciler>().SweepAsync();
        var c = (await cluster.SettledAsync([node])).Single();

        ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable);
        (await cluster.NodeAsync(node)).GetProperty("power").GetString().Should().Be("off", "the new target was off");
        (await cluster.Services.GetRequiredService<ComponentReconciler>().SweepAsync()).Should().Be(0);
    }
}
