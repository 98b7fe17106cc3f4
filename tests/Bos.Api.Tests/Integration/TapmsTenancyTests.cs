using System.Net;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Integration;

/// <summary>
/// Tenancy through TAPMS (EXT-70, MT-02, MT-06): the simulator's demo tenant "vcluster-blue" owns nodes 1-4.
/// </summary>
[NeedsServices]
public sealed class TapmsTenancyTests(SimulatorApiFactory factory) : IClassFixture<SimulatorApiFactory>, IAsyncLifetime
{
    private const string Tenant = "vcluster-blue";
    private static readonly string[] Nodes = Enumerable.Range(1, 6).Select(n => $"x3000c0s{n}b0n0").ToArray();
    private readonly HttpClient _client = factory.CreateClient();

    public async Task InitializeAsync()
    {
        var components = string.Join(',', Nodes.Select(id => $$"""{"id": "{{id}}", "enabled": true}"""));
        (await _client.Put("/v2/components", $"[{components}]")).ShouldBe(HttpStatusCode.OK);
    }

    public Task DisposeAsync() => factory.SetServiceFaultsAsync(null);

    [Fact]
    public async Task A_tenant_known_to_TAPMS_sees_only_its_xnames()
    {
        var list = (await _client.Get("/v2/components", Tenant)).ShouldBe(HttpStatusCode.OK);

        list.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().Equal(Nodes[..4]);
        (await _client.Get($"/v2/components/{Nodes[4]}", Tenant)).ShouldBeNotFound();
        (await _client.Get("/v2/components")).ShouldBe(HttpStatusCode.OK).AsArray().Should().HaveCount(Nodes.Length);
    }

    [Fact]
    public async Task A_tenant_unknown_to_TAPMS_is_an_invalid_tenant()
    {
        const string template = """{"boot_sets": {"c": {"path": "s3://boot-images/i/manifest.json", "type": "s3", "node_list": ["x3000c0s1b0n0"]} } }""";

        (await _client.Get("/v2/components", "nobody")).ShouldBeProblem(HttpStatusCode.BadRequest, "Invalid tenant")
            .Should().Be("The provided tenant does not exist");
        (await _client.Put($"/v2/sessiontemplates/{ApiJson.Unique("tpl")}", template, "nobody"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "Invalid tenant");
        (await _client.Post("/v2/sessions", """{"template_name": "t", "operation": "boot"}""", "nobody"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "Invalid tenant");
    }

    [Fact]
    public async Task A_failing_TAPMS_is_503_not_an_invalid_tenant()
    {
        await factory.SetServiceFaultsAsync(new { tapms = new { errorRate = 1.0, errorStatus = 500 } });

        // A tenant not asked about before: nothing cached can answer for TAPMS.
        (await _client.Get("/v2/components", "vcluster-never-seen")).ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "Service Unavailable")
            .Should().StartWith("Unable to look up tenant 'vcluster-never-seen' in TAPMS: Non-2XX response (500) to GET ");
    }
}
