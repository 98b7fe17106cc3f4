using System.Net;
using System.Text;
using System.Text.Json;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.OpenApi;

/// <summary>
/// Every operation of upstream BOS 2.50's spec is served: it is in the OpenAPI document Bos generates from its own
/// endpoints, under upstream's path, method and operationId, and routing answers a request to it (with whatever the
/// handler decides, but not routing's 404 or 405). The list is copied from the spec on purpose, not read from it.
/// </summary>
[NeedsServices]
public sealed class UpstreamPathsTests(RoutingProbeFactory factory) : IClassFixture<RoutingProbeFactory>
{
    public static TheoryData<string, string, string> UpstreamOperations() => new()
    {
        { "GET", "/", "root_get" },
        { "GET", "/v2", "get_v2" },
        { "GET", "/v2/healthz", "get_v2_healthz" },
        { "GET", "/v2/sessiontemplates", "get_v2_sessiontemplates" },
        { "GET", "/v2/sessiontemplatesvalid/{session_template_id}", "validate_v2_sessiontemplate" },
        { "GET", "/v2/sessiontemplates/{session_template_id}", "get_v2_sessiontemplate" },
        { "PUT", "/v2/sessiontemplates/{session_template_id}", "put_v2_sessiontemplate" },
        { "PATCH", "/v2/sessiontemplates/{session_template_id}", "patch_v2_sessiontemplate" },
        { "DELETE", "/v2/sessiontemplates/{session_template_id}", "delete_v2_sessiontemplate" },
        { "GET", "/v2/sessiontemplatetemplate", "get_v2_sessiontemplatetemplate" },
        { "POST", "/v2/sessions", "post_v2_session" },
        { "GET", "/v2/sessions", "get_v2_sessions" },
        { "DELETE", "/v2/sessions", "delete_v2_sessions" },
        { "GET", "/v2/sessions/{session_id}", "get_v2_session" },
        { "PATCH", "/v2/sessions/{session_id}", "patch_v2_session" },
        { "DELETE", "/v2/sessions/{session_id}", "delete_v2_session" },
        { "GET", "/v2/sessions/{session_id}/status", "get_v2_session_status" },
        { "POST", "/v2/sessions/{session_id}/status", "save_v2_session_status" },
        { "GET", "/v2/components", "get_v2_components" },
        { "PUT", "/v2/components", "put_v2_components" },
        { "PATCH", "/v2/components", "patch_v2_components" },
        { "GET", "/v2/components/{component_id}", "get_v2_component" },
        { "PUT", "/v2/components/{component_id}", "put_v2_component" },
        { "PATCH", "/v2/components/{component_id}", "patch_v2_component" },
        { "DELETE", "/v2/components/{component_id}", "delete_v2_component" },
        { "POST", "/v2/applystaged", "post_v2_apply_staged" },
        { "GET", "/v2/options", "get_v2_options" },
        { "PATCH", "/v2/options", "patch_v2_options" },
        { "GET", "/v2/version", "get_version_v2" },
    };

    [Theory]
    [MemberData(nameof(UpstreamOperations))]
    public async Task Operation_is_in_the_generated_document(string method, string path, string operationId)
    {
        var paths = (await Document()).GetProperty("paths");

        paths.TryGetProperty(path, out var item).Should().BeTrue($"the generated document should have the path {path}");
        item.TryGetProperty(method.ToLowerInvariant(), out var operation).Should().BeTrue($"{path} should have {method}");
        operation.GetProperty("operationId").GetString().Should().Be(operationId);
    }

    [Theory]
    [MemberData(nameof(UpstreamOperations))]
    public async Task Operation_is_routed_to_an_endpoint(string method, string path, string operationId)
    {
        var probe = Guid.NewGuid().ToString("N");
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{session_template_id}", "probe-template")
            .Replace("{session_id}", "probe-session").Replace("{component_id}", "x1000c0s0b0n0"));
        request.Headers.Add(RoutingProbeFactory.ProbeHeader, probe);
        if (method is "PUT" or "PATCH" or "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

        var response = await factory.CreateClient().SendAsync(request);

        factory.Routed.TryGetValue(probe, out var endpoint).Should().BeTrue("the request should have passed the recorder");
        endpoint.Should().NotBeNull($"routing should find an endpoint for {method} {path} ({operationId}); got {(int)response.StatusCode}");
        response.StatusCode.Should().NotBe(HttpStatusCode.MethodNotAllowed);
        endpoint!.DisplayName.Should().NotContain("405");
    }

    [Fact]
    public async Task The_probe_sees_routings_405_for_a_method_upstream_does_not_have()
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, "/v2/options");
        request.Headers.Add(RoutingProbeFactory.ProbeHeader, "delete-options");

        var response = await factory.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        factory.Routed["delete-options"]!.DisplayName.Should().Contain("405");
    }

    [Fact]
    public async Task The_document_reports_release_2_50_0_and_upstreams_query_parameters()
    {
        var document = await Document();

        document.GetProperty("info").GetProperty("version").GetString().Should().Be("2.50.0");
        var parameters = document.GetProperty("paths").GetProperty("/v2/components").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString())).ToList();
        parameters.Should().Contain([("ids", "query"), ("enabled", "query"), ("page_size", "query"), ("Cray-Tenant-Name", "header")]);
    }

    private async Task<JsonElement> Document() =>
        JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/v2/openapi.json")).RootElement;
}
