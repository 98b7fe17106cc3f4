using System.Net;
using Bos.Contracts.Events;
using Bos.Core.Sessions;
using Bos.Core.Tenancy;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using static Bos.Api.Tests.SessionsApiFactory;

namespace Bos.Api.Tests.Sessions;

/// <summary>
/// API-34/35: listing and bulk deletion with min_age, max_age, status and tenant (MT-05); Q-01 kept, Q-02 fixed.
/// Each test starts from an empty session store.
/// </summary>
[NeedsServices]
public sealed class SessionListTests : IClassFixture<SessionsApiFactory>, IAsyncLifetime
{
    private readonly SessionsApiFactory _factory;
    private readonly HttpClient _client;

    public SessionListTests(SessionsApiFactory factory)
    {
        _factory = factory;
        _client = factory.CreateClient();
    }

    public async Task InitializeAsync() => (await _client.Delete("/v2/sessions")).ShouldBeNoContent();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A session started <paramref name="age"/> ago with the given status label.</summary>
    private async Task<string> Session(string label, TimeSpan age, string status, string? tenant = null)
    {
        var template = await _client.CreateTemplate(tenant);
        var name = ApiJson.Unique(label);
        await _client.CreateSession(template, tenant, name);
        var patch = $$"""{"status": {"start_time": "{{SessionTestData.Ago(age)}}", "status": "{{status}}"} }""";
        (await _client.Patch($"/v2/sessions/{name}", patch, tenant)).ShouldBe(HttpStatusCode.OK);
        return name;
    }

    private async Task<IEnumerable<string>> List(string query = "", string? tenant = null) =>
        (await _client.Get($"/v2/sessions{query}", tenant)).ShouldBe(HttpStatusCode.OK).Names();

    [Fact]
    public async Task API34_filters_by_age_and_status()
    {
        var old = await Session("old", TimeSpan.FromDays(2), "complete");
        var recent = await Session("recent", TimeSpan.FromMinutes(5), "running");
        var oldRunning = await Session("oldrun", TimeSpan.FromHours(3), "running");

        (await List()).Should().BeEquivalentTo(old, recent, oldRunning);
        (await List("?min_age=1d")).Should().BeEquivalentTo(old);
        (await List("?min_age=1h")).Should().BeEquivalentTo(old, oldRunning);
        (await List("?max_age=1h")).Should().BeEquivalentTo(recent);
        (await List("?max_age=1d&min_age=1h")).Should().BeEquivalentTo(oldRunning);
        (await List("?status=running")).Should().BeEquivalentTo(recent, oldRunning);
        (await List("?status=running&min_age=2H")).Should().BeEquivalentTo(oldRunning);
        (await List("?min_age=0")).Should().BeEquivalentTo(old, recent, oldRunning);
    }

    [Theory]
    [InlineData("?min_age=1x", "'1x' does not match '^(0|0[mMhHdDwW]|[1-9][0-9]*[mMhHdDwW])$'")]
    [InlineData("?max_age=01d", "'01d' does not match '^(0|0[mMhHdDwW]|[1-9][0-9]*[mMhHdDwW])$'")]
    [InlineData("?status=failed", "'failed' is not one of ['pending', 'running', 'complete']")]
    public async Task API34_API35_invalid_filters_are_400_and_delete_nothing(string query, string detail)
    {
        var name = await Session("keep", TimeSpan.FromDays(3), "complete");
        (await _client.Get($"/v2/sessions{query}")).ShouldBeBadRequest().Should().Be(detail);
        (await _client.Delete($"/v2/sessions{query}")).ShouldBeBadRequest().Should().Be(detail);
        (await List()).Should().BeEquivalentTo(name);
    }

    [Fact]
    public async Task MT05_a_tenant_lists_its_own_sessions_and_no_tenant_lists_everyones()
    {
        var plain = await Session("plain", TimeSpan.Zero, "pending");
        var a = await Session("a", TimeSpan.Zero, "pending", TenantA);
        var b = await Session("b", TimeSpan.Zero, "complete", TenantB);

        (await List()).Should().BeEquivalentTo(plain, a, b);
        (await List(tenant: TenantA)).Should().BeEquivalentTo(a);
        (await List("?status=complete")).Should().BeEquivalentTo(b);
        (await List("?status=complete", TenantA)).Should().BeEmpty();
    }

    [Fact]
    public async Task API35_deletes_what_the_filters_select_with_saved_statuses()
    {
        var old = await Session("old", TimeSpan.FromDays(8), "complete");
        var recent = await Session("recent", TimeSpan.FromHours(1), "complete");
        var running = await Session("running", TimeSpan.FromDays(8), "running");
        (await _client.Post($"/v2/sessions/{old}/status", null)).ShouldBe(HttpStatusCode.OK);

        // What the session-cleanup operator sends (OP-60).
        (await _client.Delete("/v2/sessions?status=complete&min_age=7d")).ShouldBeNoContent();

        (await List()).Should().BeEquivalentTo(recent, running);
        (await _factory.Redis.Store.ExistsAsync(SessionRepository.StatusKey(TenantKey.For(null, old)))).Should().BeFalse();
    }

    [Fact]
    public async Task Q02_fixed_an_untenanted_bulk_delete_also_removes_the_tenant_sessions_it_selects()
    {
        var plain = await Session("plain", TimeSpan.FromDays(8), "complete");
        var tenanted = await Session("tenanted", TimeSpan.FromDays(8), "complete", TenantA);
        var young = await Session("young", TimeSpan.Zero, "complete", TenantA);

        (await _client.Delete("/v2/sessions?status=complete&min_age=7d")).ShouldBeNoContent();

        (await List()).Should().BeEquivalentTo(young);
        (await _client.Get($"/v2/sessions/{tenanted}", TenantA)).ShouldBeNotFound();
        var deleted = await _factory.Events.WaitForAsync<SessionDeleted>(e => e.SessionName == tenanted);
        deleted.Tenant.Should().Be(TenantA);
        plain.Should().NotBe(tenanted);
    }

    [Fact]
    public async Task API35_with_a_tenant_deletes_only_that_tenants_sessions()
    {
        var plain = await Session("plain", TimeSpan.Zero, "complete");
        var a = await Session("a", TimeSpan.Zero, "complete", TenantA);
        var b = await Session("b", TimeSpan.Zero, "complete", TenantB);

        (await _client.Delete("/v2/sessions", TenantA)).ShouldBeNoContent();

        (await List()).Should().BeEquivalentTo(plain, b);
        a.Should().NotBeNull();
    }

    [Fact]
    public async Task Q01_kept_no_filter_and_no_tenant_deletes_every_session()
    {
        await Session("pending", TimeSpan.Zero, "pending");
        await Session("running", TimeSpan.Zero, "running", TenantA);
        await Session("complete", TimeSpan.Zero, "complete", TenantB);

        (await _client.Delete("/v2/sessions")).ShouldBeNoContent();

        (await List()).Should().BeEmpty();
    }
}
