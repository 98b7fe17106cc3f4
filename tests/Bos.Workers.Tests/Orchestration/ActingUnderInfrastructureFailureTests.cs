using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Bos.Workers.Tests.Orchestration.OrchestrationCluster;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>Workers whose first CFS PATCH of a power-on meets an OutOfMemoryException, as a starved worker's would.</summary>
public sealed class OutOfMemoryOnceCluster : OrchestrationCluster
{
    protected override void ConfigureWorkerServices(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(ICfsClient));
        services.Remove(original);
        services.AddTransient<ICfsClient>(sp => new OutOfMemoryOnce((ICfsClient)original.ImplementationFactory!(sp), this));
    }

    // The PATCHes of every client the workers create: only the first fails.
    private int _patches;

    private sealed class OutOfMemoryOnce(ICfsClient inner, OutOfMemoryOnceCluster cluster) : ICfsClient
    {
        public Task<IReadOnlyList<CfsComponent>> GetAllComponentsAsync(IReadOnlyDictionary<string, string>? query = null, CancellationToken ct = default) =>
            inner.GetAllComponentsAsync(query, ct);

        public Task<IReadOnlyList<CfsComponent>> GetComponentsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
            inner.GetComponentsByIdAsync(ids, ct);

        public Task PatchComponentsAsync(IReadOnlyCollection<string> ids, CfsComponentPatch patch, CancellationToken ct = default) =>
            Interlocked.Increment(ref cluster._patches) == 1 ? throw new OutOfMemoryException("injected") : inner.PatchComponentsAsync(ids, patch, ct);
    }
}

/// <summary>
/// Bos's own failure while it prepares a power action (its Redis connection, its memory) is not the component's attempt
/// (upstream's OP-01 counts any exception while acting): the batch goes back and is acted on again.
/// </summary>
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class ActingUnderInfrastructureFailureTests(OutOfMemoryOnceCluster cluster) : IClassFixture<OutOfMemoryOnceCluster>
{
    [Fact]
    public async Task An_out_of_memory_worker_before_the_power_call_spends_none_of_the_components_attempts()
    {
        var node = Node(1);
        // One attempt allowed: had the failure counted, the next power-on would hit the retry limit and fail the node.
        await cluster.SetUpAsync([node], retryPolicy: 1);

        var c = (await cluster.SettledAsync([node])).Single();

        ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable, c.ToString());
        c.Error.Should().BeEmpty();
        (await cluster.HistoryAsync(node)).Count(e => e == "On requested").Should().Be(1, "the batch given back is powered on once");
    }
}
