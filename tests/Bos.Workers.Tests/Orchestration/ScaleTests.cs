using System.Diagnostics;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using static Bos.Workers.Tests.Orchestration.OrchestrationCluster;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>A larger simulated cluster (BOS_SCALE_NODES, default 1000 nodes).</summary>
public sealed class ScaleCluster : OrchestrationCluster
{
    public override int NodeCount => int.TryParse(Environment.GetEnvironmentVariable("BOS_SCALE_NODES"), out var n) ? n : 1000;

    // This test checks that calls go per batch, not how fast: a wider window keeps batches large on a loaded machine.
    protected override IReadOnlyDictionary<string, string> WorkerOverrides { get; } =
        new Dictionary<string, string> { ["Orchestration:BatchTimeLimit"] = "00:00:01" };
}

/// <summary>
/// Boots every node of a larger cluster at once and reports how long it took and how many service calls it made:
/// the calls grow with the number of batches, not of nodes. Liveness bounds only, not speed assertions.
/// </summary>
[Trait("Category", "Scale")]
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class ScaleTests(ScaleCluster cluster, ITestOutputHelper output) : IClassFixture<ScaleCluster>
{
    [Fact]
    public async Task Booting_the_whole_cluster_makes_calls_per_batch_not_per_node()
    {
        var nodes = Enumerable.Range(1, cluster.NodeCount).Select(Node).ToList();
        await cluster.ClearRequestsAsync();
        var clock = Stopwatch.StartNew();

        await cluster.SetUpAsync(nodes, configuration: "compute-config");
        var setUp = clock.Elapsed;
        var records = await cluster.SettledAsync(nodes, TimeSpan.FromMinutes(10));
        var settled = clock.Elapsed;

        records.Should().OnlyContain(c => ComponentStatusRule.Compute(c) == Statuses.Stable && c.Error == "");
        var requests = await cluster.RequestsAsync();
        output.WriteLine($"{nodes.Count} nodes: set up in {setUp.TotalSeconds:F1} s, all stable after {settled.TotalSeconds:F1} s");
        foreach (var (route, count) in requests) output.WriteLine($"  {count,6}  {route}");

        long Count(string prefix, string suffix) => requests.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)
                                                                        && r.Key.EndsWith(suffix, StringComparison.Ordinal)).Sum(r => r.Value);
        Count("pcs POST", "/transitions").Should().BeLessThan(nodes.Count / 20);
        Count("pcs POST", "/power-status").Should().BeLessThan(nodes.Count / 20);
        Count("bss PUT", "/bootparameters").Should().BeLessThan(nodes.Count / 20);
        Count("cfs PATCH", "/components").Should().BeLessThan(nodes.Count / 20);
        await cluster.NothingLeftAsync();
    }
}
