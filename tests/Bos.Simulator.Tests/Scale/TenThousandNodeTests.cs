using Bos.Core.Clients;
using Bos.Simulator.Tests.Infrastructure;
using Bos.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Simulator.Tests.Scale;

/// <summary>
/// A whole boot of 10,000 nodes the way BOS's power-on operator drives it (BSS, CFS, PCS through Bos's clients),
/// to the point where every node has reported its token and CFS has configured it. Checks outcomes, not speed.
/// </summary>
public sealed class TenThousandNodeTests
{
    private const int Nodes = 10_000;

    [Fact]
    public async Task Every_node_boots_reports_its_batch_token_and_is_configured()
    {
        await using var bos = await FakeBosApi.StartAsync();
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:Topology:NodeCount"] = Nodes.ToString(),
            ["Simulator:Reporter:Concurrency"] = "32",
        }, bos.Url);
        await using var services = ClientServices.For(sim.BaseAddress);
        var ids = Enumerable.Range(1, Nodes).Select(DemoImages.Node).ToList();

        var referrals = await services.GetRequiredService<IBssClient>().SetBootParametersAsync(ids, "console=ttyS0 bos_update_frequency=4h",
            $"s3://boot-images/{DemoImages.X86}/kernel", $"s3://boot-images/{DemoImages.X86}/initrd");
        await services.GetRequiredService<ICfsClient>().PatchComponentsAsync(ids,
            new CfsComponentPatch { Enabled = false, DesiredConfig = "compute-config", ClearState = true });
        var transitions = await services.GetRequiredService<IPcsClient>().StartTransitionAsync(PowerOperation.On, ids);

        await Eventually.True(async () => bos.Reports.Select(r => r.Xname).Distinct().Count() == Nodes,
            "a report from every node", TimeSpan.FromMinutes(3));
        var summary = await Eventually.Until(() => sim.GetJsonAsync("sim/summary"),
            s => s.GetProperty("cfs").TryGetProperty("configured", out var n) && n.GetInt32() == Nodes,
            "CFS to configure every node", TimeSpan.FromMinutes(3));

        referrals.Should().HaveCount(4, "10,000 hosts in batches of max_component_batch_size 2800");
        transitions.Should().HaveCount(5, "10,000 xnames in PCS requests of at most 2000");
        var tokenOf = referrals.SelectMany(r => r.Hosts.Select(h => (h, r.Token))).ToDictionary(p => p.h, p => p.Token);
        bos.Reports.Should().OnlyContain(r => r.Body["actual_state"]!["bss_token"]!.GetValue<string>() == tokenOf[r.Xname]);
        summary.GetProperty("phases").GetProperty("up").GetInt32().Should().Be(Nodes);
    }
}
