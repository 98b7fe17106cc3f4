using Bos.Core.Sessions;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Sessions;

/// <summary>DM-90 NID detection used by `reject_nids`.</summary>
public sealed class NidCheckTests
{
    [Theory]
    [InlineData("nid000001", true)]
    [InlineData("x1,nid1", true)]
    [InlineData("!nid1", true)]
    [InlineData("&nid1", true)]
    [InlineData("&!nid1", true)]
    [InlineData("x1, nid1", true)]       // trimmed like the limit itself
    [InlineData("nid", true)]
    [InlineData("NID1", false)]          // case-sensitive, as upstream
    [InlineData("x1nid", false)]
    [InlineData("anid1", false)]
    [InlineData("compute,!x1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_limit_item_starting_with_nid_after_operators_is_a_nid(string? limit, bool expected) =>
        NidCheck.LimitHasNids(limit).Should().Be(expected);

    [Theory]
    [InlineData(new[] { "x1", "nid1" }, true)]
    [InlineData(new[] { "nid001234" }, true)]
    [InlineData(new[] { "Nid1" }, false)]
    [InlineData(new[] { "x3000c0s19b1n0" }, false)]
    [InlineData(new string[0], false)]
    public void A_node_list_entry_starting_with_nid_is_a_nid(string[] nodes, bool expected) =>
        NidCheck.NodeListHasNids(nodes).Should().Be(expected);

    [Fact]
    public void A_missing_node_list_has_no_nids() => NidCheck.NodeListHasNids(null).Should().BeFalse();
}
