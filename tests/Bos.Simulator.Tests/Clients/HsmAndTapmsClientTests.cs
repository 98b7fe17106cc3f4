using Bos.Core.Clients;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Simulator.Tests.Clients;

public sealed class HsmAndTapmsClientTests(DemoClusterFixture cluster) : IClassFixture<DemoClusterFixture>, IDisposable
{
    private readonly ServiceProvider _services = ClientServices.For(cluster.Sim.BaseAddress);

    private IHsmClient Hsm => _services.GetRequiredService<IHsmClient>();

    private ITapmsClient Tapms => _services.GetRequiredService<ITapmsClient>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Hsm_client_reads_components_groups_partitions_and_locks()
    {
        var components = await Hsm.GetComponentsAsync();
        var groups = await Hsm.GetGroupsAsync();
        var partitions = await Hsm.GetPartitionsAsync();
        var locked = await Hsm.GetLockedNodesAsync();

        components.Should().HaveCount(16);
        components.Single(c => c.Id == DemoImages.Node(14)).Arch.Should().Be("ARM");
        components.Single(c => c.Id == DemoImages.Node(16)).SubRole.Should().Be("UAN");
        groups.Single(g => g.Label == "green").Members.Ids.Should().Contain(DemoImages.Node(9));
        partitions.Single().Members.Ids.Should().HaveCount(16);
        locked.Should().BeEquivalentTo([DemoImages.Node(11)]);
    }

    [Fact]
    public async Task Hsm_query_drops_unknown_ids_and_filters_disabled_nodes_on_request()
    {
        string[] ids = [DemoImages.Node(1), DemoImages.Node(12), "x9999c0s1b0n0"];

        var known = await Hsm.QueryComponentsAsync(ids);
        var enabled = await Hsm.QueryComponentsAsync(ids, enabledOnly: true);
        var none = await Hsm.QueryComponentsAsync([]);

        known.Select(c => c.Id).Should().BeEquivalentTo([DemoImages.Node(1), DemoImages.Node(12)]);
        enabled.Select(c => c.Id).Should().Equal(DemoImages.Node(1));
        none.Should().BeEmpty();
    }

    [Fact]
    public async Task Tapms_client_returns_the_tenant_xnames_and_a_404_is_an_invalid_tenant()
    {
        var tenant = await Tapms.GetTenantAsync("vcluster-blue");
        var unknown = () => Tapms.GetTenantAsync("nobody");

        tenant.Xnames.Should().BeEquivalentTo(Enumerable.Range(1, 4).Select(DemoImages.Node));
        var error = (await unknown.Should().ThrowAsync<InvalidTenantException>()).Which;
        error.Tenant.Should().Be("nobody");
        error.InnerException.Should().BeOfType<ApiResponseException>().Which.Message.Should().StartWith("Non-2XX response (404) to GET");
    }
}
