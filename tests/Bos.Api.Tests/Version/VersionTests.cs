using System.Net;
using System.Text.Json;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Version;

/// <summary>API-20..22: version numbers as strings from release 2.50.0; absolute links (Q-22 fixed).</summary>
[NeedsServices]
public sealed class VersionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Root_lists_one_version_linking_to_itself()
    {
        var body = await Get("/");

        body.ValueKind.Should().Be(JsonValueKind.Array);
        body.GetArrayLength().Should().Be(1);
        ShouldBeRelease(body[0]);
        Links(body[0]).Should().Equal(("self", "http://localhost/"));
    }

    [Theory]
    [InlineData("/v2")]
    [InlineData("/v2/version")]
    public async Task V2_reports_the_release_with_self_and_versions_links(string path)
    {
        var body = await Get(path);

        ShouldBeRelease(body);
        Links(body).Should().Equal(("self", "http://localhost" + path), ("versions", "http://localhost/"));
    }

    [Theory]
    [InlineData("/apis/bos/", "http://localhost/apis/bos/")]
    [InlineData("/apis/bos/v2", "http://localhost/apis/bos/v2")]
    [InlineData("/apis/bos/v2/version", "http://localhost/apis/bos/v2/version")]
    public async Task Links_keep_the_gateway_prefix_when_the_request_came_through_it(string path, string self)
    {
        var body = await Get(path);
        var version = body.ValueKind == JsonValueKind.Array ? body[0] : body;

        Links(version)[0].Should().Be(("self", self));
        if (version.GetProperty("links").GetArrayLength() > 1) Links(version)[1].Should().Be(("versions", "http://localhost/apis/bos/"));
    }

    [Fact]
    public async Task Links_use_the_requests_host()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Host = "bos.example:8443";

        var body = JsonDocument.Parse(await client.GetStringAsync("/v2")).RootElement;

        Links(body)[0].Should().Be(("self", "http://bos.example:8443/v2"));
    }

    private static void ShouldBeRelease(JsonElement version)
    {
        version.GetProperty("major").GetString().Should().Be("2");
        version.GetProperty("minor").GetString().Should().Be("50");
        version.GetProperty("patch").GetString().Should().Be("0");
        version.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("major", "minor", "patch", "links");
    }

    private static List<(string Rel, string Href)> Links(JsonElement version) =>
        version.GetProperty("links").EnumerateArray()
            .Select(l => (l.GetProperty("rel").GetString()!, l.GetProperty("href").GetString()!)).ToList();

    private async Task<JsonElement> Get(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
