using System.Net;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Components;

/// <summary>Issue #11, tenant openings: PUT of components and PATCH of the global options with a tenant.</summary>
[NeedsServices]
public sealed class ComponentTenantWriteTests(TenantApiFactory factory) : IClassFixture<TenantApiFactory>, IAsyncLifetime
{
    public async Task InitializeAsync() =>
        (await factory.ClientFor(null).PutJson("/v2/components",
            """[{"id":"x1","enabled":false,"error":"a's"},{"id":"x2","enabled":false},{"id":"x3","enabled":true,"error":"b's"}]"""))
        .EnsureSuccessStatusCode();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_tenant_can_not_put_another_tenants_component()
    {
        var response = await factory.ClientFor("vcluster-a").Put("/v2/components/x3", """{"enabled":false,"error":"taken"}""");

        response.ShouldBeNotFound().Should().Be("Component for tenant 'vcluster-a' 'x3' does not exist");
        (await factory.ClientFor(null).Get("/v2/components/x3")).ShouldBe(HttpStatusCode.OK)["error"]!.GetValue<string>().Should().Be("b's");
    }

    [Fact]
    public async Task A_tenant_bulk_put_naming_another_tenants_component_is_a_404_and_writes_nothing()
    {
        var response = await factory.ClientFor("vcluster-a").Put("/v2/components",
            """[{"id":"x1","enabled":true,"error":"mine"},{"id":"x3","enabled":false,"error":"taken"}]""");

        response.ShouldBeNotFound().Should().Be("Component for tenant 'vcluster-a' 'x3' does not exist");
        var untenanted = factory.ClientFor(null);
        (await untenanted.Get("/v2/components/x3")).ShouldBe(HttpStatusCode.OK)["error"]!.GetValue<string>().Should().Be("b's");
        (await untenanted.Get("/v2/components/x1")).ShouldBe(HttpStatusCode.OK)["error"]!.GetValue<string>().Should().Be("a's");
    }

    [Fact]
    public async Task A_tenant_can_put_its_own_components_one_and_many()
    {
        var tenant = factory.ClientFor("vcluster-a");
        (await tenant.Put("/v2/components/x2", """{"enabled":false,"error":"one"}""")).ShouldBe(HttpStatusCode.OK);
        (await tenant.Put("/v2/components", """[{"id":"x2","enabled":false,"error":"many"}]""")).ShouldBe(HttpStatusCode.OK);

        (await tenant.Get("/v2/components/x2")).ShouldBe(HttpStatusCode.OK)["error"]!.GetValue<string>().Should().Be("many");
    }

    [Fact]
    public async Task An_unknown_tenant_putting_a_component_is_400_invalid_tenant()
    {
        (await factory.ClientFor("no-such-tenant").Put("/v2/components/x1", """{"enabled":false}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "Invalid tenant");
    }

    [Fact]
    public async Task An_untenanted_put_still_writes_any_component_as_discovery_does()
    {
        (await factory.ClientFor(null).Put("/v2/components", """[{"id":"x9","enabled":false},{"id":"x3","enabled":true,"error":"b's"}]"""))
            .ShouldBe(HttpStatusCode.OK).AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Patching_the_options_with_a_tenant_header_is_forbidden_and_changes_nothing()
    {
        var admin = factory.ClientFor(null);
        var before = (await admin.Get("/v2/options")).ShouldBe(HttpStatusCode.OK)["polling_frequency"]!.GetValue<int>();

        var response = await factory.ClientFor("vcluster-a").Patch("/v2/options", $$"""{"polling_frequency": {{before + 7}}}""");

        response.ShouldBeProblem(HttpStatusCode.Forbidden, "Forbidden").Should().Contain("global");
        (await admin.Get("/v2/options")).ShouldBe(HttpStatusCode.OK)["polling_frequency"]!.GetValue<int>().Should().Be(before);
        (await factory.ClientFor("vcluster-a").Get("/v2/options")).ShouldBe(HttpStatusCode.OK);
    }
}
