using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Bos.Api.Tests.Auth;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Audit;

/// <summary>
/// The audit log (GET /v2/audit, Bos extension) with authentication on: every write request with the token's subject,
/// tenant, what, resource and outcome, refusals included; a tenant sees its own entries; the whole log needs the admin role.
/// </summary>
[NeedsServices]
public sealed class AuditLogTests(AuthApiFactory api) : IClassFixture<AuthApiFactory>, IAsyncLifetime
{
    private static readonly string[] Admin = ["bos-admin"];
    private readonly HttpClient _client = api.CreateClient();

    public async Task InitializeAsync() =>
        (await Send(HttpMethod.Put, "/v2/components", api.Token(roles: Admin), """[{"id":"x1"},{"id":"x2"},{"id":"x3"}]""")).Status.Should().Be(HttpStatusCode.OK);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(HttpStatusCode Status, JsonNode? Body)> Send(HttpMethod method, string path, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = HttpJson.Body(json);
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private async Task<List<JsonNode>> Audit(string query = "", string? tenant = null)
    {
        var (status, body) = await Send(HttpMethod.Get, "/v2/audit" + query, api.Token(tenant, tenant is null ? Admin : null));
        status.Should().Be(HttpStatusCode.OK, body?.ToJsonString());
        return body!["entries"]!.AsArray().Select(e => e!).ToList();
    }

    private static string Row(JsonNode e) =>
        $"{e["action"]} {e["subject"]} {e["tenant"]} {e["resource_type"]}/{e["resource_id"]} {e["status"]} {e["problem"]}";

    [Fact]
    public async Task Put_post_patch_and_delete_are_recorded_newest_first_with_subject_tenant_resource_and_outcome()
    {
        var admin = api.Token(roles: Admin);
        // The stream's ids are the Redis server's clock, on this machine: the same clock.
        var since = DateTimeOffset.UtcNow.ToString("O");
        (await Send(HttpMethod.Put, "/v2/components", admin, """[{"id":"x1"},{"id":"x2"},{"id":"x3"}]""")).Status.Should().Be(HttpStatusCode.OK);
        (await Send(HttpMethod.Patch, "/v2/components/x1", api.Token("vcluster-a"), """{"enabled":true}""")).Status.Should().Be(HttpStatusCode.OK);
        (await Send(HttpMethod.Post, "/v2/applystaged", admin, """{"xnames":[]}""")).Status.Should().Be(HttpStatusCode.OK);
        (await Send(HttpMethod.Post, "/v2/sessions/dryrun", admin, """{"template_name":"none","operation":"boot"}""")).Status.Should().Be(HttpStatusCode.OK);
        (await Send(HttpMethod.Delete, "/v2/components/x2", admin)).Status.Should().Be(HttpStatusCode.NoContent);

        var rows = (await Audit($"?since={Uri.EscapeDataString(since)}")).Select(Row).ToList();

        rows.Should().Equal(
            "DELETE /v2/components/x2 user-1  component/x2 204 ",
            "POST /v2/applystaged user-1  applystaged/ 200 ",
            "PATCH /v2/components/x1 user-1 vcluster-a component/x1 200 ",
            "PUT /v2/components user-1  component/ 200 ");
    }

    [Fact]
    public async Task A_nodes_accepted_report_is_not_recorded_and_the_admins_write_around_it_is()
    {
        var admin = api.Token(roles: Admin);
        var since = DateTimeOffset.UtcNow.ToString("O");
        (await Send(HttpMethod.Patch, "/v2/components/x3", admin, """{"enabled":false}""")).Status.Should().Be(HttpStatusCode.OK);
        (await Send(HttpMethod.Patch, "/v2/components/x3", api.Token(), """{"id":"x3","actual_state":{"bss_token":"unknown"}}""")).Status.Should().Be(HttpStatusCode.OK);
        (await Send(HttpMethod.Patch, "/v2/components/x3", admin, """{"enabled":false}""")).Status.Should().Be(HttpStatusCode.OK);

        var rows = (await Audit($"?since={Uri.EscapeDataString(since)}&resource=component/x3")).Select(Row).ToList();

        rows.Should().Equal(
            "PATCH /v2/components/x3 user-1  component/x3 200 ",
            "PATCH /v2/components/x3 user-1  component/x3 200 ");
    }

    [Fact]
    public async Task A_refused_request_is_recorded_with_its_status_and_problem_title()
    {
        (await Send(HttpMethod.Put, "/v2/components/x9", api.Token(tenant: "vcluster-b"), """{"enabled":true}""")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Send(HttpMethod.Patch, "/v2/options", api.Token(), """{"logging_level":"DEBUG"}""")).Status.Should().Be(HttpStatusCode.Forbidden);

        var rows = (await Audit("?limit=2")).Select(Row).ToList();

        rows.Should().Equal(
            "PATCH /v2/options user-1  options/ 403 Forbidden",
            "PUT /v2/components/x9 user-1 vcluster-b component/x9 404 The resource was not found");
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_entries_and_the_whole_log_needs_the_admin_role()
    {
        (await Send(HttpMethod.Patch, "/v2/components/x3", api.Token("vcluster-b"), """{"error":"b"}""")).Status.Should().Be(HttpStatusCode.OK);
        (await Send(HttpMethod.Patch, "/v2/components/x1", api.Token("vcluster-a"), """{"error":"a"}""")).Status.Should().Be(HttpStatusCode.OK);

        (await Audit(tenant: "vcluster-b")).Should().NotBeEmpty().And.OnlyContain(e => (string?)e["tenant"] == "vcluster-b");
        (await Audit("?resource=component/x1", tenant: "vcluster-b")).Should().BeEmpty();
        (await Audit("?resource=x3", tenant: "vcluster-b")).Should().OnlyContain(e => (string?)e["resource_id"] == "x3");
        (await Send(HttpMethod.Get, "/v2/audit", api.Token())).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Since_until_and_resource_select_entries_and_bad_values_are_400_problems()
    {
        var admin = api.Token(roles: Admin);
        (await Send(HttpMethod.Put, "/v2/components/x4", admin, """{"enabled":false}""")).Status.Should().Be(HttpStatusCode.OK);
        var between = DateTimeOffset.UtcNow.AddMilliseconds(5);
        await Task.Delay(20);
        (await Send(HttpMethod.Put, "/v2/components/x5", admin, """{"enabled":false}""")).Status.Should().Be(HttpStatusCode.OK);

        var mark = Uri.EscapeDataString(between.ToString("O"));
        (await Audit($"?until={mark}&resource=component/x5")).Should().BeEmpty();
        (await Audit($"?since={mark}&resource=component/x5")).Should().ContainSingle();
        (await Audit($"?until={mark}&resource=x4")).Should().ContainSingle();
        (await Send(HttpMethod.Get, "/v2/audit?since=yesterday", admin)).Status.Should().Be(HttpStatusCode.BadRequest);
        (await Send(HttpMethod.Get, "/v2/audit?limit=0", admin)).Status.Should().Be(HttpStatusCode.BadRequest);
    }
}
