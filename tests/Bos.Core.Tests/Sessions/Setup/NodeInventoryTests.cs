using Bos.Core.Clients;
using Bos.Core.Sessions.Setup;
using FluentAssertions;
using Xunit;
using static Bos.Core.Tests.Sessions.Setup.SetupTestData;

namespace Bos.Core.Tests.Sessions.Setup;

public sealed class NodeInventoryTests
{
    [Theory]
    [InlineData("Compute", "x1,x2,x3,x4")]
    [InlineData("Application", "x5,x6")]
    [InlineData("Application_UAN", "x5,x6")]
    [InlineData("Management_Master", "x7")]
    [InlineData("_Orphan", "x8")]               // a SubRole without a Role
    public void Roles_count_each_component_for_its_role_and_role_subrole(string role, string members) =>
        Inventory.Roles[role].Should().BeEquivalentTo(members.Split(','));

    [Fact]
    public void Unknown_names_are_not_in_the_inventory()
    {
        Inventory.Lookup("UAN").Should().BeNull();
        Inventory.Lookup("x1").Should().BeNull();
        Inventory.Roles.Should().NotContainKey("compute");   // case-sensitive
    }

    [Fact]
    public void A_limit_name_is_looked_up_in_groups_then_partitions_then_roles_the_later_winning()
    {
        var inventory = NodeInventory.From(
            [new HsmGroup("same", null, new HsmMembers(["g"])), new HsmGroup("onlygroup", null, new HsmMembers(["g"]))],
            [new HsmPartition("same", null, new HsmMembers(["p"])), new HsmPartition("gp", null, new HsmMembers(["p"]))],
            [Node("r", "same")]);
        inventory.Lookup("same").Should().BeEquivalentTo(["r"]);
        inventory.Lookup("gp").Should().BeEquivalentTo(["p"]);
        inventory.Lookup("onlygroup").Should().BeEquivalentTo(["g"]);
    }

    [Fact]
    public void A_group_listed_twice_keeps_both_member_lists()
    {
        var inventory = NodeInventory.From(
            [new HsmGroup("g", null, new HsmMembers(["a"])), new HsmGroup("g", null, new HsmMembers(["b"]))], [], []);
        inventory.Groups["g"].Should().BeEquivalentTo(["a", "b"]);
    }
}
