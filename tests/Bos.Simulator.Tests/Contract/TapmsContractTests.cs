using System.Net;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Xunit;

namespace Bos.Simulator.Tests.Contract;

/// <summary>EXT-70: TAPMS tenants and their xnames.</summary>
public sealed class TapmsContractTests(DemoClusterFixture cluster) : IClassFixture<DemoClusterFixture>
{
    private TestSimulator Sim => cluster.Sim;

    [Fact]
    public async Task Tenant_status_lists_its_xnames_and_an_unknown_tenant_is_404()
    {
        var tenant = await Sim.GetJsonAsync("tapms/v1alpha3/tenants/vcluster-blue");
        using var unknown = await Sim.Http.GetAsync("tapms/v1alpha3/tenants/nobody");

        tenant.GetProperty("status").GetProperty("tenantresources")[0].GetProperty("xnames").EnumerateArray()
            .Select(x => x.GetString()).Should().Equal(Enumerable.Range(1, 4).Select(DemoImages.Node));
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
