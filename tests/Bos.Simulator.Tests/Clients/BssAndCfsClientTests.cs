using System.Net.Http.Json;
using Bos.Core.Clients;
using Bos.Core.Options;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Simulator.Tests.Clients;

public sealed class BssAndCfsClientTests
{
    [Fact]
    public async Task Bss_client_returns_one_token_per_batch_and_each_host_boots_with_its_batch_token()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress, BosOptions.Defaults with { MaxComponentBatchSize = 5 });
        var bss = services.GetRequiredService<IBssClient>();
        var hosts = Enumerable.Range(1, 12).Select(DemoImages.Node).ToList();

        var referrals = await bss.SetBootParametersAsync(hosts, "console=ttyS0 bos_update_frequency=4h",
            $"s3://boot-images/{DemoImages.X86}/kernel", $"s3://boot-images/{DemoImages.X86}/initrd");
        var host7 = await bss.GetBootParametersAsync(DemoImages.Node(7));
        var unknown = await bss.GetBootParametersAsync(DemoImages.Node(13));

        referrals.Select(r => r.Hosts.Count).Should().Equal(5, 5, 2);
        referrals.Select(r => r.Token).Should().OnlyHaveUniqueItems();
        host7!.Params.Should().Be("console=ttyS0 bos_update_frequency=4h");
        unknown.Should().BeNull();
        var script = await sim.Http.GetStringAsync($"boot/v1/bootscript?name={DemoImages.Node(7)}");
        script.Should().Contain($"bss_referral_token={referrals.Single(r => r.Hosts.Contains(DemoImages.Node(7))).Token}");
    }

    [Fact]
    public async Task Cfs_client_follows_next_through_every_page()
    {
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:Cfs:DefaultPageSize"] = "3",
        });
        await using var services = ClientServices.For(sim.BaseAddress);
        var cfs = services.GetRequiredService<ICfsClient>();

        var all = await cfs.GetAllComponentsAsync();
        var requests = await sim.GetJsonAsync("sim/requests");

        all.Select(c => c.Id).Should().BeEquivalentTo(Enumerable.Range(1, 16).Select(DemoImages.Node));
        all.Should().OnlyContain(c => c.ConfigurationStatus == "unconfigured");
        requests.GetProperty("cfs GET /cfs/v3/components").GetInt64().Should().Be(6, "16 components in pages of 3");
    }

    [Fact]
    public async Task Cfs_client_patches_by_ids_and_reads_them_back_by_id()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress);
        var cfs = services.GetRequiredService<ICfsClient>();
        string[] ids = [DemoImages.Node(2), DemoImages.Node(3)];

        await cfs.PatchComponentsAsync(ids, new CfsComponentPatch
        {
            Enabled = false,
            DesiredConfig = "compute-config",
            Tags = new Dictionary<string, string> { ["bos_session"] = "session-1" },
            ClearState = true,
        });
        var patched = await cfs.GetComponentsByIdAsync([.. ids, "x9999c0s1b0n0"]);

        patched.Select(c => c.Id).Should().BeEquivalentTo(ids);
        patched.Should().OnlyContain(c => c.DesiredConfig == "compute-config" && c.Enabled == false && c.ConfigurationStatus == "pending");
        // Bos reads no tags back: CFS's own answer shows them.
        var stored = await sim.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/cfs/v3/components?ids={string.Join(',', ids)}");
        stored.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("tags").GetProperty("bos_session").GetString())
            .Should().Equal("session-1", "session-1");
    }

    [Fact]
    public async Task Cfs_client_sends_ids_in_batches_of_200_to_get_and_1000_to_patch()
    {
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:Topology:NodeCount"] = "2100",
        });
        await using var services = ClientServices.For(sim.BaseAddress);
        var cfs = services.GetRequiredService<ICfsClient>();
        var ids = Enumerable.Range(1, 2100).Select(DemoImages.Node).ToList();

        await cfs.PatchComponentsAsync(ids, new CfsComponentPatch { DesiredConfig = "big" });
        var read = await cfs.GetComponentsByIdAsync(ids);
        var requests = await sim.GetJsonAsync("sim/requests");

        read.Should().HaveCount(2100).And.OnlyContain(c => c.DesiredConfig == "big");
        requests.GetProperty("cfs PATCH /cfs/v3/components").GetInt64().Should().Be(3);
        requests.GetProperty("cfs GET /cfs/v3/components").GetInt64().Should().Be(11);
    }
}
