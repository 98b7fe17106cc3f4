using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using static Bos.Workers.Tests.Orchestration.OrchestrationCluster;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>Two worker replicas on one Redis and one set of queues.</summary>
public sealed class TwoReplicaCluster : OrchestrationCluster
{
    protected override int Replicas => 2;

    // The test counts calls per batch, not speed: a wider window keeps each replica's batch whole on a loaded machine.
    protected override IReadOnlyDictionary<string, string> WorkerOverrides { get; } =
        new Dictionary<string, string> { ["Orchestration:BatchTimeLimit"] = "00:00:01" };
}

/// <summary>
/// Several workers compete for the same sagas, batches, scheduled messages and transition watches: each node is
/// still acted on once per step, and everything ends as with one worker.
/// </summary>
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class ReplicaTests(TwoReplicaCluster cluster) : IClassFixture<TwoReplicaCluster>
{
    [Fact]
    public async Task Two_replicas_boot_and_reboot_nodes_with_one_power_action_per_step()
    {
        var boot = Enumerable.Range(1, 8).Select(Node).ToList();
        var reboot = Enumerable.Range(9, 4).Select(Node).ToArray();
        await cluster.PowerOnDirectlyAsync(reboot);
        await cluster.ClearRequestsAsync();

        await cluster.SetUpAsync(boot, configuration: "compute-config");
        await cluster.SetUpAsync(reboot, reboot: true);
        var records = await cluster.SettledAsync(boot.Concat(reboot));

        records.Should().OnlyContain(c => ComponentStatusRule.Compute(c) == Statuses.Stable && c.Error == "");
        records.Should().OnlyContain(c => c.ActualState!.BootArtifacts!.Kernel == Kernel);
        foreach (var node in boot)
            (await cluster.HistoryAsync(node)).Where(e => e.EndsWith("requested", StringComparison.Ordinal)).Should().Equal(["On requested"], node);
        foreach (var node in reboot)
            (await cluster.HistoryAsync(node)).Where(e => e.EndsWith("requested", StringComparison.Ordinal))
                .Should().Equal(["On requested", "Soft-Off requested", "On requested"], node);

        var transitions = (await cluster.RequestsAsync())
            .Where(r => r.Key.StartsWith("pcs POST", StringComparison.Ordinal) && r.Key.EndsWith("/transitions", StringComparison.Ordinal)).Sum(r => r.Value);
        transitions.Should().BeLessThanOrEqualTo(6, "batched per step and replica, not per node (12 nodes, 3 steps)");
        await cluster.NothingLeftAsync();
    }
}
