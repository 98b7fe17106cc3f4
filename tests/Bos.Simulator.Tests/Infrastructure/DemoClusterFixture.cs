using Xunit;

namespace Bos.Simulator.Tests.Infrastructure;

/// <summary>
/// The default 16-node demo cluster, with node 12 disabled and node 11 locked in HSM, shared by read-only contract
/// tests (tests that change node state start their own simulator).
/// </summary>
public sealed class DemoClusterFixture : IAsyncLifetime
{
    public TestSimulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
    {
        ["Simulator:Topology:DisabledNodes:Range"] = "12",
        ["Simulator:Topology:LockedNodes:Range"] = "11",
    });

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
