using Bos.Core.Clients;
using Bos.Core.Tenancy;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Simulator.Tests.Clients;

/// <summary>The TAPMS tenant directory (EXT-70, MT-02): xnames, 404 as "no such tenant", other failures as errors.</summary>
public sealed class TapmsTenantDirectoryTests
{
    [Fact]
    public async Task A_tenant_owns_its_xnames_and_an_unknown_tenant_is_null()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress);
        var directory = new TapmsTenantDirectory(services.GetRequiredService<ITapmsClient>());

        (await directory.GetComponentIdsAsync("vcluster-blue")).Should().BeEquivalentTo(Enumerable.Range(1, 4).Select(DemoImages.Node));
        (await directory.GetComponentIdsAsync("nobody")).Should().BeNull();
    }

    [Fact]
    public async Task Other_tapms_failures_are_lookup_errors()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress);
        var directory = new TapmsTenantDirectory(services.GetRequiredService<ITapmsClient>());
        await sim.SetFaultsAsync(new { services = new { tapms = new { errorRate = 1.0, errorStatus = 500 } } });

        var lookup = () => directory.GetComponentIdsAsync("vcluster-blue");

        var error = (await lookup.Should().ThrowAsync<TenantLookupException>()).Which;
        error.Message.Should().StartWith("Unable to look up tenant 'vcluster-blue' in TAPMS: Non-2XX response (500) to GET ");
        error.InnerException.Should().BeOfType<ApiResponseException>();
    }
}
