using Bos.Contracts.Resources;
using Bos.Core.Components;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>The state each node of a session is drawn in by the dashboard's grid.</summary>
public sealed class NodeDisplayStateRuleTests
{
    private const string Session = "s1";

    [Theory]
    [InlineData(true, "powering_off", "", "powering_off")]
    [InlineData(true, "powering_on", "", "powering_on")]
    [InlineData(true, "configuring", "", "configuring")]
    [InlineData(true, "", "", "pending")]
    [InlineData(true, "powering_on", "on_hold", "pending")]
    [InlineData(true, "configuring", "failed", "failed")]
    [InlineData(false, "", "failed", "failed")]
    [InlineData(false, "", "", "stable")]
    public void A_member_of_the_session_is_drawn_by_its_computed_status_and_phase(bool enabled, string phase, string statusOverride, string expected)
    {
        var component = new Component
        {
            Id = "x1", Session = Session, Enabled = enabled, Status = new ComponentStatus { Phase = phase, StatusOverride = statusOverride },
        };

        NodeDisplayStateRule.Of(component, Session).Should().Be(expected);
    }

    [Fact]
    public void A_node_staged_for_the_session_but_not_yet_in_it_is_staged()
    {
        var component = new Component { Id = "x1", Session = "other", Enabled = true, StagedState = new StagedState { Session = Session } };

        NodeDisplayStateRule.Of(component, Session).Should().Be(NodeDisplayStateRule.Staged);
    }

    [Fact]
    public void Each_state_has_a_one_digit_code_indexing_the_legend()
    {
        NodeDisplayStateRule.Legend.Select(NodeDisplayStateRule.Code).Should().Equal('0', '1', '2', '3', '4', '5', '6');
        NodeDisplayStateRule.Legend[NodeDisplayStateRule.Code(NodeDisplayStateRule.Failed) - '0'].Should().Be("failed");
    }
}
