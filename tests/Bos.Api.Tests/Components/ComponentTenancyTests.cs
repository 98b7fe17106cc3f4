using System.Net;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Components;

/// <summary>Components under Cray-Tenant-Name (MT-06): a tenant sees and changes only what it owns.</summary>
[NeedsServices]
public sealed class ComponentTenancyTests(TenantApiFactory factory) : IClassFixture<TenantApiFactory>, IAsyncLifetime
{
    public async Task InitializeAsync() =>
        (await factory.ClientFor(null).PutJson("/v2/components",
            """[{"id":"x1","session":"s"},{"id":"x2","session":"s"},{"id":"x3","session":"s"},{"id":"x4","session":"s"}]"""))
        .EnsureSuccessStatusCode();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task List_is_restricted_to_the_tenants_components()
    {
        var ids = (await (await factory.ClientFor("vcluster-a").GetAsync("/v2/components")).Json()).AsArray().Select(c => c!["id"]!.GetValue<string>());
        ids.Should().Equal("x1", "x2");
        var all = (await (await factory.ClientFor(null).GetAsync("/v2/components")).Json()).AsArray();
        all.Should().HaveCount(4);
    }

    [Fact]
    public async Task Another_tenants_component_is_404_for_get_patch_and_delete_with_tenant_wording()
    {
        var client = factory.ClientFor("vcluster-a");
        var get = await client.GetAsync("/v2/components/x3");
        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await get.Json())["detail"]!.GetValue<string>().Should().Be("Component for tenant 'vcluster-a' 'x3' does not exist");
        (await client.PatchJson("/v2/components/x3", """{"error":"mine now"}""")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.DeleteAsync("/v2/components/x3")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var untouched = await (await factory.ClientFor(null).GetAsync("/v2/components/x3")).Json();
        untouched.AsObject().ContainsKey("error").Should().BeFalse();
    }

    [Fact]
    public async Task Bulk_patch_by_session_touches_only_owned_components_and_non_owned_ids_are_404()
    {
        var client = factory.ClientFor("vcluster-b");
        var patched = await (await client.PatchJson("/v2/components", """{"patch":{"error":"b"},"filters":{"session":"s"}}""")).Json();
        patched.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().Equal("x3");

        (await client.PatchJson("/v2/components", """{"patch":{"error":"b"},"filters":{"ids":"x1"}}""")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var skipped = await (await client.PatchJson("/v2/components?skip_bad_ids=true", """{"patch":{"error":"b"},"filters":{"ids":"x1,x3"}}""")).Json();
        skipped.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().Equal("x3");
    }

    [Fact]
    public async Task Unknown_tenant_is_400_invalid_tenant()
    {
        var response = await factory.ClientFor("no-such-tenant").GetAsync("/v2/components");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json())["title"]!.GetValue<string>().Should().Be("Invalid tenant");
    }
}
