using System.Net;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Components;

/// <summary>Bad component input is a 400 with connexion's wording (API-03, API-04) and writes nothing.</summary>
[NeedsServices]
public sealed class ComponentValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("{}", "{} does not have enough properties")]
    [InlineData("""{"enabled":"yes"}""", "'yes' is not of type 'boolean' - 'enabled'")]
    [InlineData("""{"unknown":1}""", "Additional properties are not allowed ('unknown' was unexpected)")]
    [InlineData("""{"status":{"status":"stable"}}""", "Property is read-only - 'status.status'")]
    [InlineData("""{"desired_state":{"last_updated":"2020-01-01T00:00:00Z"}}""", "Property is read-only - 'desired_state.last_updated'")]
    [InlineData("""{"retry_policy":-1}""", "-1 is less than the minimum of 0 - 'retry_policy'")]
    [InlineData("""{"last_action":{"action":"dancing"}}""", "'dancing' is not one of")]
    [InlineData("""{"session":"has space"}""", "'has space' is not valid under any of the given schemas - 'session'")]
    [InlineData("not json", "Request body is not valid JSON")]
    public async Task Put_with_bad_body_is_400_and_nothing_is_written(string body, string detail)
    {
        var id = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var response = await _client.PutJson($"/v2/components/{id}", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Json();
        problem["title"]!.GetValue<string>().Should().Be("Bad Request");
        problem["detail"]!.GetValue<string>().Should().StartWith(detail);
        (await _client.GetAsync($"/v2/components/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bulk_put_with_one_bad_element_writes_none()
    {
        var response = await _client.PutJson("/v2/components", """[{"id":"ok-1","enabled":true},{"enabled":true}]""");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json())["detail"]!.GetValue<string>().Should().Be("'id' is a required property - '1'");
        (await _client.GetAsync("/v2/components/ok-1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Too_long_id_in_path_is_400()
    {
        var response = await _client.GetAsync("/v2/components/" + new string('x', 128));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Non_json_content_type_is_415()
    {
        var response = await _client.PutAsync("/v2/components/x1", new StringContent("{\"enabled\":true}", System.Text.Encoding.UTF8, "text/plain"));
        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }
}
