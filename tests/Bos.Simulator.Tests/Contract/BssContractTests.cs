using System.Net;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Xunit;

namespace Bos.Simulator.Tests.Contract;

/// <summary>EXT-30: BSS stores parameters per host and answers each PUT with a fresh referral token.</summary>
public sealed class BssContractTests(DemoClusterFixture cluster) : IClassFixture<DemoClusterFixture>
{
    private TestSimulator Sim => cluster.Sim;

    [Fact]
    public async Task Every_put_answers_a_unique_token_and_get_returns_what_the_host_boots()
    {
        var first = await Sim.PutBootParametersAsync([DemoImages.Node(1), DemoImages.Node(2)], "console=ttyS0 first");
        var second = await Sim.PutBootParametersAsync([DemoImages.Node(2)], "console=ttyS0 second");

        var node1 = (await Sim.GetJsonAsync($"boot/v1/bootparameters?name={DemoImages.Node(1)}"))[0];
        var node2 = (await Sim.GetJsonAsync($"boot/v1/bootparameters?name={DemoImages.Node(2)}"))[0];

        first.Should().NotBe(second);
        Guid.TryParse(first, out _).Should().BeTrue();
        node1.GetProperty("params").GetString().Should().Be("console=ttyS0 first");
        node1.GetProperty("hosts")[0].GetString().Should().Be(DemoImages.Node(1));
        node1.GetProperty("kernel").GetString().Should().Be($"s3://boot-images/{DemoImages.X86}/kernel");
        node2.GetProperty("params").GetString().Should().Be("console=ttyS0 second");
    }

    [Fact]
    public async Task Bootscript_puts_the_referral_token_of_the_covering_put_on_the_kernel_command_line()
    {
        var token = await Sim.PutBootParametersAsync([DemoImages.Node(3)], "console=ttyS0 bos_update_frequency=4h");

        var script = await Sim.Http.GetStringAsync($"boot/v1/bootscript?name={DemoImages.Node(3)}");

        script.Should().Contain($"bss_referral_token={token}").And.Contain("bos_update_frequency=4h");
    }

    [Fact]
    public async Task Put_without_hosts_is_400_and_an_unknown_host_is_404()
    {
        using var noHosts = await Sim.SendJsonAsync(HttpMethod.Put, "boot/v1/bootparameters", new { @params = "x", kernel = "k", initrd = "i" });
        using var unknown = await Sim.Http.GetAsync("boot/v1/bootparameters?name=x9999c0s1b0n0");

        noHosts.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
