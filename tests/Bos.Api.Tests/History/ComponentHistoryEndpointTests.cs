using System.Net;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.History;

/// <summary>GET /v2/components/{id}/history (Bos extension): newest first, limited, tenant-aware like GET of the component.</summary>
[NeedsServices]
public sealed class ComponentHistoryEndpointTests(TenantApiFactory factory) : IClassFixture<TenantApiFactory>
{
    [Fact]
    public async Task The_history_lists_each_change_newest_first_in_the_agreed_shape()
    {
        var admin = factory.ClientFor(null);
        (await admin.PutJson("/v2/components/x1", """{"enabled":false,"session":""}""")).EnsureSuccessStatusCode();
        (await admin.PatchJson("/v2/components/x1", """{"enabled":true,"session":"s1"}""")).EnsureSuccessStatusCode();
        (await admin.PatchJson("/v2/components/x1", """{"error":"boom"}""")).EnsureSuccessStatusCode();

        var history = await (await admin.GetAsync("/v2/components/x1/history")).Json();

        history["component"]!.GetValue<string>().Should().Be("x1");
        var entries = history["entries"]!.AsArray();
        entries.Select(e => (string?)e!["kind"]).Should().Equal("error", "enabled", "session_changed", "created");
        entries[0]!["summary"]!.GetValue<string>().Should().Be("Error: boom");
        entries[0]!["session"]!.GetValue<string>().Should().Be("s1");
        entries[^1]!.AsObject().Should().ContainKey("session").WhoseValue.Should().BeNull();
        entries[0]!["details"]!["error"]!.GetValue<string>().Should().Be("boom");
        DateTimeOffset.Parse(entries[0]!["time"]!.GetValue<string>()).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        (await (await admin.GetAsync("/v2/components/x1/history?limit=1")).Json())["entries"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task An_unknown_component_or_another_tenants_is_a_404_problem_and_a_bad_limit_a_400()
    {
        (await factory.ClientFor(null).PutJson("/v2/components/x3", """{"enabled":false}""")).EnsureSuccessStatusCode();

        var missing = await factory.ClientFor(null).GetAsync("/v2/components/nope/history");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await factory.ClientFor("vcluster-a").GetAsync("/v2/components/x3/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.ClientFor("vcluster-b").GetAsync("/v2/components/x3/history")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.ClientFor(null).GetAsync("/v2/components/x3/history?limit=lots")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_served_openapi_lists_history_and_audit_as_bos_extensions()
    {
        var document = await (await factory.ClientFor(null).GetAsync("/v2/openapi.json")).Json();
        foreach (var path in new[] { "/v2/components/{component_id}/history", "/v2/audit" })
            document["paths"]![path]!["get"]!["tags"]!.AsArray().Select(t => (string?)t).Should().Contain("bos-extensions", path);
    }
}
