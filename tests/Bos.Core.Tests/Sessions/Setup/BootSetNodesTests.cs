using Bos.Contracts.Resources;
using Bos.Core.Sessions;
using Bos.Core.Sessions.Setup;
using FluentAssertions;
using Xunit;
using static Bos.Core.Tests.Sessions.Setup.SetupTestData;

namespace Bos.Core.Tests.Sessions.Setup;

/// <summary>§3.6 node resolution: node_list ∪ groups ∪ roles, then limit, locks, tenant, arch, HSM enabled.</summary>
public sealed class BootSetNodesTests
{
    private static readonly HashSet<string> NoLocks = [];

    private static BootSet Set(string? nodes = null, string? groups = null, string? roles = null, string? arch = null) => new()
    {
        NodeList = List(nodes), NodeGroups = List(groups), NodeRolesGroups = List(roles), Arch = arch,
    };

    private static List<string>? List(string? csv) => csv is null ? null : csv.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static IReadOnlySet<string> Resolve(BootSet bootSet, string? limit = null, IReadOnlySet<string>? locked = null,
        IReadOnlySet<string>? tenant = null, bool includeDisabled = false, List<string>? warnings = null) =>
        BootSetNodes.Resolve(bootSet, Inventory, new SessionNodeScope(LimitExpression.Parse(limit), locked ?? NoLocks, tenant),
            Hsm(includeDisabled), warnings);

    [Theory]
    [InlineData("x1,x3", null, null, "x1,x3")]
    [InlineData(null, "gpu", null, "x3")]                    // x4 is ARM
    [InlineData(null, "blue", null, "x1,x5")]                // x2 is disabled in HSM
    [InlineData(null, null, "Compute", "x1,x3")]
    [InlineData(null, null, "Application_UAN", "x5,x6")]     // x6 is HSM "UNKNOWN": an X86 boot set takes it
    [InlineData(null, null, "Management_Master", "x7")]
    [InlineData("x7", "gpu", "Application", "x3,x5,x6,x7")]  // the union of all three
    [InlineData("x1,x1", "blue", null, "x1,x5")]
    [InlineData("x9", null, null, "")]                       // unknown to HSM: dropped by the arch query
    [InlineData(null, "nosuchgroup", "NoSuchRole", "")]
    public void Nodes_come_from_the_node_list_groups_and_roles(string? nodes, string? groups, string? roles, string expected) =>
        Resolve(Set(nodes, groups, roles)).Should().BeEquivalentTo(List(expected) ?? []);

    [Fact]
    public void Unknown_groups_and_roles_are_warnings()
    {
        var warnings = new List<string>();
        Resolve(Set("x1", "nosuch", "NoRole"), warnings: warnings).Should().BeEquivalentTo(["x1"]);
        warnings.Should().Equal("No hardware matching label nosuch", "No hardware matching role NoRole");
    }

    [Theory]
    [InlineData(null, "x1,x3,x5,x6,x7,x8")]
    [InlineData("*", "x1,x3,x5,x6,x7,x8")]
    [InlineData("x1,x3", "x1,x3")]
    [InlineData("gpu", "x3")]
    [InlineData("blue,&Compute", "x1")]
    [InlineData("Application_UAN", "x5,x6")]
    [InlineData("p1", "x6")]                                 // partition members x2 (disabled), x4 (ARM), x6
    [InlineData("!Application", "x1,x3,x7,x8")]              // Q-08 (Bos): a leading "!" starts from all
    [InlineData("x2", "")]                                   // limited to x2, which HSM then drops as disabled
    [InlineData("x9", "")]                                   // not a node of the boot set
    public void The_limit_selects_among_the_boot_set_nodes(string? limit, string expected) =>
        Resolve(Set("x1,x2,x3,x4,x5,x6,x7,x8"), limit).Should().BeEquivalentTo(List(expected) ?? []);

    [Fact]
    public void Locked_nodes_are_removed_after_the_limit() =>
        Resolve(Set(null, "blue"), "blue", locked: new HashSet<string> { "x1" }).Should().BeEquivalentTo(["x5"]);

    [Fact]
    public void A_tenant_node_list_must_only_name_the_tenants_nodes()
    {
        var act = () => Resolve(Set("x1,x9,x5"), tenant: new HashSet<string> { "x1" });
        act.Should().Throw<SessionSetupException>().WithMessage(
            "The session template includes nodes which do not exist or are not available to this tenant: {'x5', 'x9'}");
    }

    [Fact]
    public void Tenant_sessions_keep_only_the_tenants_nodes_from_groups_and_roles() =>
        Resolve(Set("x1", "blue", "Compute"), tenant: new HashSet<string> { "x1", "x2", "x3", "x5" })
            .Should().BeEquivalentTo(["x1", "x3", "x5"]);

    [Fact]
    public void Without_a_tenant_the_node_list_is_not_checked() =>
        Resolve(Set("x1,x9")).Should().BeEquivalentTo(["x1"]);

    [Theory]
    [InlineData(null, "x1,x3,x6,x8")]        // the default is X86, which also takes unknown (Q-11: missing Arch too)
    [InlineData("X86", "x1,x3,x6,x8")]
    [InlineData("ARM", "x4")]
    [InlineData("Unknown", "x6,x8")]
    [InlineData("Other", "")]
    public void The_architecture_must_match(string? arch, string expected) =>
        Resolve(Set("x1,x3,x4,x6,x8,x9", arch: arch)).Should().BeEquivalentTo(List(expected) ?? []);

    [Fact]
    public void Include_disabled_keeps_nodes_disabled_in_hsm() =>
        Resolve(Set(null, "blue"), includeDisabled: true).Should().BeEquivalentTo(["x1", "x2", "x5"]);

    [Fact]
    public void An_empty_boot_set_resolves_to_nothing_before_any_limit_or_tenant_check() =>
        BootSetNodes.Candidates(Set(), Inventory, new SessionNodeScope(LimitExpression.Parse("*"), NoLocks, new HashSet<string>()))
            .Should().BeEmpty();

    [Fact]
    public void Candidates_apply_the_first_eight_steps_only()
    {
        var scope = new SessionNodeScope(LimitExpression.Parse("blue,x4"), new HashSet<string> { "x5" }, null);
        // x2 (disabled) and x4 (ARM) are still candidates: HSM's arch and enabled filters come later.
        BootSetNodes.Candidates(Set(null, "blue,gpu"), Inventory, scope).Should().BeEquivalentTo(["x1", "x2", "x4"]);
    }
}
