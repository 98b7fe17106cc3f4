using Bos.Contracts.Resources;
using Bos.Core.Audit;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Audit;

/// <summary>Which audit entries a query returns: the asking tenant's, of the resource asked for.</summary>
public sealed class AuditFilterTests
{
    private static readonly AuditEntry Entry = new() { Tenant = "a", ResourceType = "component", ResourceId = "x1" };

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("a", null, true)]
    [InlineData("b", null, false)]
    [InlineData(null, "component", true)]
    [InlineData(null, "component/x1", true)]
    [InlineData(null, "x1", true)]
    [InlineData(null, "component/x2", false)]
    [InlineData(null, "session", false)]
    [InlineData("b", "x1", false)]
    public void An_entry_matches_the_tenant_and_the_resource_by_type_type_and_id_or_id(string? tenant, string? resource, bool matches) =>
        new AuditFilter(tenant, resource).Matches(Entry).Should().Be(matches);

    [Fact]
    public void An_untenanted_entry_is_seen_by_no_tenant() =>
        new AuditFilter("a", null).Matches(Entry with { Tenant = null }).Should().BeFalse();
}
