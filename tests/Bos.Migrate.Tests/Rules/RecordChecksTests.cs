using System.Text.Json.Nodes;
using Bos.Core.Tenancy;
using Bos.Migrate.Rules;
using FluentAssertions;
using Xunit;

namespace Bos.Migrate.Tests.Rules;

/// <summary>Upstream's session and component checks (DB-20 steps 2 and 3).</summary>
public sealed class RecordChecksTests
{
    private static readonly RecordSchema Schema = RecordSchema.Upstream;

    [Theory]
    [InlineData("""{"name":"s1","tenant":null}""", null, null)]
    [InlineData("""{"name":"s1","tenant":"t1"}""", "t1", null)]
    [InlineData("""{"tenant":null}""", null, "Missing required 'name' field")]
    [InlineData("""{"name":"bad name!"}""", null, "Does not follow V2SessionName schema: 'bad name!'")]
    [InlineData("""{"name":"s1","tenant":7}""", null, "Does not follow V2TenantName schema: 7")]
    public void A_session_needs_a_valid_name_and_tenant(string json, string? tenant, string? reason)
    {
        var record = JsonNode.Parse(json)!.AsObject();
        RecordChecks.Session(TenantKey.For(tenant, record["name"]?.ToString() ?? ""), record, Schema).Should().Be(reason);
    }

    [Fact]
    public void A_session_under_another_tenants_key_is_refused() =>
        RecordChecks.Session(TenantKey.For(null, "s1"), JsonNode.Parse("""{"name":"s1","tenant":"t1"}""")!.AsObject(), Schema)
            .Should().StartWith("Actual DB key (");

    [Theory]
    [InlineData("x1", """{"id":"x1"}""", null)]
    [InlineData("x1", """{"enabled":true}""", "Missing required 'id' field")]
    [InlineData("x1", """{"id":""}""", "Does not follow V2ComponentId schema: ''")]
    [InlineData("x1", """{"id":"x2"}""", "Actual DB key ('x1') does not match expected key ('x2')")]
    public void A_component_needs_a_valid_id_equal_to_its_key(string key, string json, string? reason) =>
        RecordChecks.Component(key, JsonNode.Parse(json)!.AsObject(), Schema).Should().Be(reason);
}
