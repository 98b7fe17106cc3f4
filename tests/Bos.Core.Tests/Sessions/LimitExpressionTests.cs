using Bos.Core.Sessions;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Sessions;

/// <summary>OP-70 limit semantics, with Bos's Q-08 decisions (leading operator starts from all; empty items are errors).</summary>
public sealed class LimitExpressionTests
{
    private static readonly IReadOnlySet<string> BootSet = new HashSet<string> { "x1", "x2", "x3", "x4", "x5" };

    private static readonly Dictionary<string, string[]> Inventory = new()
    {
        ["compute"] = ["x1", "x2", "x3"],
        ["gpu"] = ["x3", "x4", "x9"],   // x9 is not in the boot set
        ["Application"] = ["x5"],        // a role
        ["p1"] = ["x2", "x4"],           // a partition
        ["empty"] = [],
        ["x4"] = ["x1"],                 // a group named like a node: the group wins, as upstream
    };

    private static IEnumerable<string>? Lookup(string name) => Inventory.GetValueOrDefault(name);

    [Theory]
    [InlineData(null, "x1,x2,x3,x4,x5")]
    [InlineData("", "x1,x2,x3,x4,x5")]
    [InlineData("*", "x1,x2,x3,x4,x5")]
    [InlineData("all", "x1,x2,x3,x4,x5")]
    [InlineData("x1", "x1")]
    [InlineData("x1,x2", "x1,x2")]
    [InlineData("x1,x1", "x1")]
    [InlineData("x9", "")]                       // a real node, but not in this boot set
    [InlineData("nosuchname", "")]               // neither a name nor a node of the boot set
    [InlineData("compute", "x1,x2,x3")]
    [InlineData("gpu", "x3,x4")]
    [InlineData("Application", "x5")]
    [InlineData("p1", "x2,x4")]
    [InlineData("empty", "")]
    [InlineData("*,!empty", "x1,x2,x3,x4,x5")]
    [InlineData("x4", "x1")]                     // inventory names are looked up before ids
    [InlineData("compute,&gpu", "x3")]
    [InlineData("compute,!gpu", "x1,x2")]
    [InlineData("compute,!x2", "x1,x3")]
    [InlineData("compute,gpu", "x1,x2,x3,x4")]
    [InlineData("*,!x1", "x2,x3,x4,x5")]
    [InlineData("all,!compute,!x5", "x4")]
    [InlineData("x1,compute,&gpu,!x3", "")]
    [InlineData("compute,!x1,x1", "x1,x2,x3")]   // left to right: a later union re-adds
    [InlineData("compute,x1,!x1", "x2,x3")]
    [InlineData("!all", "")]
    [InlineData("compute,&*", "x1,x2,x3")]
    [InlineData("p1,&compute,Application", "x2,x5")]
    [InlineData("COMPUTE", "")]                  // case-sensitive, as upstream
    [InlineData("X1", "")]
    public void Selects_the_boot_set_nodes_named_by_the_limit(string? limit, string expected) =>
        Apply(limit).Should().BeEquivalentTo(Split(expected));

    [Theory]
    [InlineData("!x1", "x2,x3,x4,x5")]           // upstream: nothing
    [InlineData("!compute", "x4,x5")]
    [InlineData("!compute,!x5", "x4")]
    [InlineData("&gpu", "x3,x4")]                // upstream: nothing
    [InlineData("&gpu,!x3", "x4")]
    [InlineData("!x1,x1", "x1,x2,x3,x4,x5")]
    public void A_leading_operator_starts_from_all_of_the_boot_set(string limit, string expected) =>
        Apply(limit).Should().BeEquivalentTo(Split(expected));

    [Theory]
    [InlineData("x1, x2", "x1,x2")]
    [InlineData(" compute , &gpu ", "x3")]
    [InlineData("compute,! x2", "x1,x3")]
    [InlineData(" !x1", "x2,x3,x4,x5")]
    public void Blanks_around_items_are_ignored(string limit, string expected) =>
        Apply(limit).Should().BeEquivalentTo(Split(expected));

    [Theory]
    [InlineData("a,,b", "item 2 of 3 ('') is empty")]
    [InlineData("a,", "item 2 of 2 ('') is empty")]
    [InlineData(",a", "item 1 of 2 ('') is empty")]
    [InlineData(" ", "item 1 of 1 (' ') is empty")]
    [InlineData(",", "item 1 of 2 ('') is empty")]
    [InlineData("a, ,b", "item 2 of 3 (' ') is empty")]
    [InlineData("!", "item 1 of 1 ('!') has an operator but no name")]
    [InlineData("&", "item 1 of 1 ('&') has an operator but no name")]
    [InlineData("x1,! ", "item 2 of 2 ('! ') has an operator but no name")]
    [InlineData("!!x1", "item 1 of 1 ('!!x1') has more than one operator")]
    [InlineData("x2,&!x1", "item 2 of 2 ('&!x1') has more than one operator")]
    [InlineData("!&x1", "item 1 of 1 ('!&x1') has more than one operator")]
    public void Malformed_limits_are_rejected_with_a_message_naming_the_item(string limit, string problem)
    {
        LimitExpression.TryParse(limit, out var expression, out var error).Should().BeFalse();
        error.Should().Be("Invalid session limit: " + problem);
        expression.IsUnlimited.Should().BeTrue();
        FluentActions.Invoking(() => LimitExpression.Parse(limit)).Should().Throw<FormatException>().WithMessage(error);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("*", false)]
    [InlineData("x1", false)]
    public void Only_null_or_empty_means_no_limit(string? limit, bool unlimited)
    {
        LimitExpression.TryParse(limit, out var expression, out var error).Should().BeTrue();
        error.Should().BeNull();
        expression.IsUnlimited.Should().Be(unlimited);
    }

    [Fact]
    public void Parses_once_into_items_and_prints_them_canonically()
    {
        var expression = LimitExpression.Parse(" compute, &gpu ,! x1,*");

        expression.Items.Should().Equal(
            new LimitItem(LimitOperator.Union, "compute"),
            new LimitItem(LimitOperator.Intersect, "gpu"),
            new LimitItem(LimitOperator.Except, "x1"),
            new LimitItem(LimitOperator.Union, "*"));
        expression.Items[3].IsAll.Should().BeTrue();
        expression.ToString().Should().Be("compute,&gpu,!x1,*");
    }

    [Fact]
    public void One_parsed_limit_applies_to_each_boot_set_independently_and_leaves_inputs_untouched()
    {
        var limit = LimitExpression.Parse("!x1");
        var first = new HashSet<string> { "x1", "x2" };
        var second = new HashSet<string> { "x1", "x7" };

        limit.Apply(first, Lookup).Should().BeEquivalentTo(["x2"]);
        limit.Apply(second, Lookup).Should().BeEquivalentTo(["x7"]);
        first.Should().BeEquivalentTo(["x1", "x2"]);
        second.Should().BeEquivalentTo(["x1", "x7"]);
    }

    private static IReadOnlySet<string> Apply(string? limit) => LimitExpression.Parse(limit).Apply(BootSet, Lookup);

    private static string[] Split(string expected) => expected.Length == 0 ? [] : expected.Split(',');
}
