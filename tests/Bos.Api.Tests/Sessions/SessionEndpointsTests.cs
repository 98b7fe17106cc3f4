using System.Net;
using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Sessions;
using Bos.Core.Tenancy;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using static Bos.Api.Tests.SessionsApiFactory;

namespace Bos.Api.Tests.Sessions;

/// <summary>API-36..38: GET, PATCH and DELETE of one session, with tenancy (MT-05) and events.</summary>
[NeedsServices]
public sealed class SessionEndpointsTests(SessionsApiFactory factory) : IClassFixture<SessionsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<string> NewSession(string? tenant = null)
    {
        var template = await _client.CreateTemplate(tenant);
        return (await _client.CreateSession(template, tenant))["name"]!.GetValue<string>();
    }

    [Fact]
    public async Task API36_API11_unknown_sessions_are_404_naming_the_tenant_when_there_is_one()
    {
        (await _client.Get("/v2/sessions/absent")).ShouldBeNotFound().Should().Be("Session 'absent' does not exist");
        (await _client.Get("/v2/sessions/absent", TenantA)).ShouldBeNotFound().Should().Be($"Session for tenant '{TenantA}' 'absent' does not exist");
        (await _client.Get("/v2/sessions/-bad-")).ShouldBeBadRequest().Should().Contain("does not match");
    }

    [Fact]
    public async Task A_session_is_answered_with_its_stored_record_which_is_what_serializing_the_session_gives()
    {
        var name = await NewSession(TenantA);
        (await _client.Patch($"/v2/sessions/{name}", """{"status": {"status": "running"}, "components": "x3000c0s1b0n0"}""", TenantA))
            .ShouldBe(HttpStatusCode.OK);

        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v2/sessions/{name}") { Headers = { { Bos.Api.Http.Tenant.Header, TenantA } } });
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");
        body.Should().Be(await factory.Redis.Store.GetAsync(SessionRepository.Key(TenantKey.For(TenantA, name))));
        body.Should().Be(BosJson.Serialize(BosJson.Deserialize<Session>(body)));
    }

    [Fact]
    public async Task MT05_a_tenants_session_is_reachable_only_with_its_tenant()
    {
        var name = await NewSession(TenantA);
        (await _client.Get($"/v2/sessions/{name}", TenantA)).ShouldBe(HttpStatusCode.OK)["tenant"]!.GetValue<string>().Should().Be(TenantA);
        (await _client.Get($"/v2/sessions/{name}")).ShouldBeNotFound();
        (await _client.Get($"/v2/sessions/{name}", TenantB)).ShouldBeNotFound();
        (await _client.Patch($"/v2/sessions/{name}", """{"components": "x"}""", TenantB)).ShouldBeNotFound()
            .Should().Be($"Session for tenant '{TenantB}' '{name}' does not exist");
        (await _client.Delete($"/v2/sessions/{name}")).ShouldBeNotFound().Should().Be($"Session '{name}' does not exist");
        (await _client.Get($"/v2/sessions/{name}/status", TenantB)).ShouldBeNotFound();
    }

    [Fact]
    public async Task API37_PATCH_merges_status_replaces_components_and_publishes_SessionUpdated()
    {
        var name = await NewSession(TenantA);
        var start = (await _client.Get($"/v2/sessions/{name}", TenantA)).ShouldBe(HttpStatusCode.OK)["status"]!["start_time"]!.GetValue<string>();

        var running = (await _client.Patch($"/v2/sessions/{name}", """{"status": {"status": "running"}, "components": "x3000c0s1b0n0,x3000c0s2b0n0"}""", TenantA))
            .ShouldBe(HttpStatusCode.OK);
        running["status"]!.ToJsonString().Should().Be($$"""{"start_time":"{{start}}","end_time":null,"status":"running","error":null}""");
        running["components"]!.GetValue<string>().Should().Be("x3000c0s1b0n0,x3000c0s2b0n0");

        var failed = (await _client.Patch($"/v2/sessions/{name}", """{"status": {"status": "complete", "end_time": "2026-02-06T20:00:00Z", "error": "No nodes were found to act upon."}}""", TenantA))
            .ShouldBe(HttpStatusCode.OK);
        failed["status"]!["error"]!.GetValue<string>().Should().Be("No nodes were found to act upon.");
        failed["components"]!.GetValue<string>().Should().Be("x3000c0s1b0n0,x3000c0s2b0n0");
        (await _client.Get($"/v2/sessions/{name}", TenantA)).ShouldBe(HttpStatusCode.OK).ToJsonString().Should().Be(failed.ToJsonString());

        var updated = await factory.Events.WaitForAsync<SessionUpdated>(e => e.SessionName == name && e.Session.Status!.Status == "complete");
        updated.Tenant.Should().Be(TenantA);
        updated.Session.Status!.Error.Should().Be("No nodes were found to act upon.");
    }

    [Fact]
    public async Task API37_an_invalid_PATCH_is_400_and_changes_nothing()
    {
        var name = await NewSession();
        var before = (await _client.Get($"/v2/sessions/{name}")).ShouldBe(HttpStatusCode.OK).ToJsonString();

        (await _client.Patch($"/v2/sessions/{name}", """{"status": {"status": "failed"}}""")).ShouldBeBadRequest()
            .Should().Be("'failed' is not one of ['pending', 'running', 'complete'] - 'status.status'");
        (await _client.Patch($"/v2/sessions/{name}", """{"operation": "reboot"}""")).ShouldBeBadRequest()
            .Should().Be("Additional properties are not allowed ('operation' was unexpected)");
        (await _client.Patch($"/v2/sessions/{name}", """{"status": {"phase": "x"}}""")).ShouldBeBadRequest()
            .Should().Be("Additional properties are not allowed ('phase' was unexpected) - 'status'");
        (await _client.Patch("/v2/sessions/absent", """{"components": ""}""")).ShouldBeNotFound();

        (await _client.Get($"/v2/sessions/{name}")).ShouldBe(HttpStatusCode.OK).ToJsonString().Should().Be(before);
    }

    [Fact]
    public async Task API38_DELETE_removes_the_session_and_its_saved_status_and_publishes_SessionDeleted()
    {
        var name = await NewSession(TenantB);
        (await _client.Post($"/v2/sessions/{name}/status", null, TenantB)).ShouldBe(HttpStatusCode.OK);
        var statusKey = SessionRepository.StatusKey(TenantKey.For(TenantB, name));
        (await factory.Redis.Store.ExistsAsync(statusKey)).Should().BeTrue();

        (await _client.Delete($"/v2/sessions/{name}", TenantB)).ShouldBeNoContent();

        (await _client.Get($"/v2/sessions/{name}", TenantB)).ShouldBeNotFound();
        (await factory.Redis.Store.ExistsAsync(statusKey)).Should().BeFalse();
        (await _client.Delete($"/v2/sessions/{name}", TenantB)).ShouldBeNotFound();
        var deleted = await factory.Events.WaitForAsync<SessionDeleted>(e => e.SessionName == name);
        deleted.Tenant.Should().Be(TenantB);
    }

    [Fact]
    public async Task Q18_a_session_of_100000_components_reads_back_whole()
    {
        // As session setup stores it (the API's PATCH keeps upstream's length limit); 1.8 MB, parsed from Redis's bytes.
        var name = await NewSession(TenantA);
        var components = string.Join(',', Enumerable.Range(1, 100_000).Select(n => $"x3000c0s{n}b0n0"));
        var sessions = new SessionRepository(factory.Redis.Store, new Bos.Core.Outbox.Outbox(), TimeProvider.System);
        await sessions.UpdateAsync(name, TenantA, s => s with { Components = components });

        (await _client.Get($"/v2/sessions/{name}", TenantA)).ShouldBe(HttpStatusCode.OK)["components"]!.GetValue<string>().Should().Be(components);
    }
}
