using System.Net;
using System.Text.Json;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Health;

/// <summary>API-23: healthz keeps upstream's shape and adds the broker's state.</summary>
[NeedsServices]
public sealed class HealthzTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/v2/healthz")]
    [InlineData("/apis/bos/v2/healthz")]
    public async Task Healthz_reports_redis_api_and_broker_ok_at_both_prefixes(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("dbStatus").GetString().Should().Be("ok");
        body.GetProperty("apiStatus").GetString().Should().Be("ok");
        body.GetProperty("brokerStatus").GetString().Should().Be("ok");
    }

    [Fact]
    public async Task Unknown_path_under_the_gateway_prefix_is_404()
    {
        var response = await factory.CreateClient().GetAsync("/apis/bos/v2/nothing-here");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
