using System.Text.Json.Nodes;
using Bos.Api.Audit;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Audit;

/// <summary>Which requests and commands the audit log records, and the resource each names.</summary>
public sealed class AuditedRequestTests
{
    [Theory]
    [InlineData("PUT", "/v2/components", true)]
    [InlineData("POST", "/v1/session", true)]
    [InlineData("DELETE", "/v2/sessions/s1", true)]
    [InlineData("PATCH", "/v2/options", true)]
    [InlineData("GET", "/v2/components", false)]
    [InlineData("HEAD", "/v2/components", false)]
    [InlineData("OPTIONS", "/v2/components", false)]
    [InlineData("POST", "/v2/sessions/dryrun", false)]
    [InlineData("POST", "/v2/applystaged/dryrun/", false)]
    public void Writes_are_audited_and_reads_and_dry_runs_are_not(string method, string path, bool audited) =>
        AuditedRequest.IsAudited(method, path).Should().Be(audited);

    [Theory]
    [InlineData("PATCH", "/v2/components/x1", """{"actual_state":{"bss_token":"t"}}""", 200, true)]
    [InlineData("PATCH", "/v2/components/x1", """{"id":"x1","actual_state":{"bss_token":"t"}}""", 200, true)]
    [InlineData("PATCH", "/v2/components/x1", """{"actual_state":{"bss_token":"t"}}""", 409, false)]
    [InlineData("PATCH", "/v2/components/x1", """{"actual_state":{"bss_token":"t"}}""", 403, false)]
    [InlineData("PATCH", "/v2/components/x1", """{"actual_state":{},"enabled":true}""", 200, false)]
    [InlineData("PATCH", "/v2/components/x1", """{"enabled":true}""", 200, false)]
    [InlineData("PATCH", "/v2/components/x1", """{"id":"x1"}""", 200, false)]
    [InlineData("PATCH", "/v2/components/x1", null, 200, false)]
    [InlineData("PUT", "/v2/components/x1", """{"actual_state":{"bss_token":"t"}}""", 200, false)]
    [InlineData("PATCH", "/v2/components", """[{"id":"x1","actual_state":{}}]""", 200, false)]
    [InlineData("PATCH", "/v2/sessions/x1", """{"actual_state":{}}""", 200, false)]
    public void Only_a_nodes_accepted_report_of_its_own_state_is_a_node_report(string method, string path, string? body, int status, bool report) =>
        AuditedRequest.IsNodeReport(method, path, body is null ? null : JsonNode.Parse(body), status).Should().Be(report);

    [Theory]
    [InlineData("/v2/components/x1", null, "component", "x1")]
    [InlineData("/v2/components", null, "component", null)]
    [InlineData("/v2/sessions", """{"name":"s1","template_name":"t"}""", "session", "s1")]
    [InlineData("/v2/sessiontemplates/t%201", null, "sessiontemplate", "t 1")]
    [InlineData("/v1/session/abc/status/compute", null, "session", "abc")]
    [InlineData("/v1/sessiontemplate", """{"name":"t2"}""", "sessiontemplate", "t2")]
    [InlineData("/v2/options", """{"logging_level":"DEBUG"}""", "options", null)]
    [InlineData("/", null, null, null)]
    public void A_request_names_the_collection_and_id_of_its_path_or_the_name_it_creates(string path, string? body, string? type, string? id) =>
        AuditedRequest.Resource(path, body is null ? null : JsonNode.Parse(body)).Should().Be((type, id));

    [Theory]
    [InlineData("session.create", """{"name":"s1"}""", "session", "s1")]
    [InlineData("components.enable", """{"ids":"x1,x2"}""", "component", "x1,x2")]
    [InlineData("components.update", """{"patch":{},"filters":{"ids":"x3"}}""", "component", "x3")]
    [InlineData("components.update", """[{"id":"x3"}]""", "component", null)]
    [InlineData("no.such.command", "{}", null, null)]
    public void A_command_names_its_resource(string command, string body, string? type, string? id) =>
        AuditedRequest.CommandResource(command, JsonNode.Parse(body)).Should().Be((type, id));
}
