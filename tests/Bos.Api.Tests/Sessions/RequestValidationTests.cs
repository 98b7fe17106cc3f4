using System.Net;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Sessions;

/// <summary>API-03/API-08: every session and template endpoint validates its path id and tenant header like connexion.</summary>
[NeedsServices]
public sealed class RequestValidationTests(SessionsApiFactory factory) : IClassFixture<SessionsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string, string?> Endpoints => new()
    {
        { "GET", "/v2/sessiontemplates/{0}", null },
        { "PUT", "/v2/sessiontemplates/{0}", """{"boot_sets": {"c": {"path": "p", "type": "s3", "node_list": ["x1"]}}}""" },
        { "PATCH", "/v2/sessiontemplates/{0}", """{"description": "d"}""" },
        { "DELETE", "/v2/sessiontemplates/{0}", null },
        { "GET", "/v2/sessiontemplatesvalid/{0}", null },
        { "GET", "/v2/sessions/{0}", null },
        { "PATCH", "/v2/sessions/{0}", """{"components": ""}""" },
        { "DELETE", "/v2/sessions/{0}", null },
        { "GET", "/v2/sessions/{0}/status", null },
        { "POST", "/v2/sessions/{0}/status", null },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_id_outside_the_name_pattern_is_400(string method, string path, string? body)
    {
        var detail = (await _client.Send(new HttpMethod(method), string.Format(path, "bad_"), body)).ShouldBeBadRequest();
        detail.Should().Be("'bad_' does not match '^[a-zA-Z0-9](?:[-._a-zA-Z0-9]{0,125}[a-zA-Z0-9])?$'");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_tenant_name_over_127_characters_is_400(string method, string path, string? body)
    {
        var tenant = new string('t', 128);
        var detail = (await _client.Send(new HttpMethod(method), string.Format(path, "ok"), body, tenant)).ShouldBeBadRequest();
        detail.Should().Be($"'{tenant}' is too long");
    }

    [Theory]
    [InlineData("GET", "/v2/sessiontemplates")]
    [InlineData("GET", "/v2/sessions")]
    [InlineData("DELETE", "/v2/sessions")]
    [InlineData("POST", "/v2/sessions")]
    public async Task Collection_endpoints_validate_the_tenant_header_too(string method, string path)
    {
        var tenant = new string('t', 128);
        var body = method == "POST" ? """{"template_name": "t", "operation": "boot"}""" : null;
        (await _client.Send(new HttpMethod(method), path, body, tenant)).ShouldBeBadRequest().Should().Be($"'{tenant}' is too long");
    }

    [Fact]
    public async Task POST_and_PUT_and_PATCH_need_a_body()
    {
        (await _client.Send(HttpMethod.Post, "/v2/sessions")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await _client.Send(HttpMethod.Put, "/v2/sessiontemplates/t")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await _client.Send(HttpMethod.Patch, "/v2/sessions/s")).Status.Should().Be(HttpStatusCode.BadRequest);
    }
}
