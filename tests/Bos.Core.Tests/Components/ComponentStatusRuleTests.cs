using Bos.Contracts.Resources;
using Bos.Core.Components;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>DM-40: the computed status table.</summary>
public sealed class ComponentStatusRuleTests
{
    [Theory]
    [InlineData("", "", null, null, "stable")]
    [InlineData("powering_on", "", "powering_on", false, "power_on_called")]
    [InlineData("powering_on", "", "powering_on", true, "power_on_pending")]
    [InlineData("powering_on", "", "session_setup", null, "power_on_pending")]
    [InlineData("powering_off", "", "powering_off_gracefully", null, "power_off_gracefully_called")]
    [InlineData("powering_off", "", "powering_off_forcefully", null, "power_off_forcefully_called")]
    [InlineData("powering_off", "", "session_setup", null, "power_off_pending")]
    [InlineData("configuring", "", null, null, "configuring")]
    [InlineData("configuring", "failed", null, null, "failed")]
    [InlineData("powering_on", "on_hold", "powering_on", false, "on_hold")]
    public void Computes_status_from_override_phase_and_last_action(string phase, string statusOverride, string? action, bool? failed, string expected)
    {
        var component = new Component
        {
            Status = new ComponentStatus { Phase = phase, StatusOverride = statusOverride },
            LastAction = action is null ? null : new LastAction { Action = action, Failed = failed },
        };
        ComponentStatusRule.Compute(component).Should().Be(expected);
    }

    [Fact]
    public void A_never_touched_component_is_stable() => ComponentStatusRule.Compute(new Component { Id = "x" }).Should().Be("stable");

    [Fact]
    public void Response_view_adds_status_and_hides_the_artifacts_timestamp()
    {
        var view = ComponentStatusRule.ForResponse(new Component
        {
            ActualState = new ActualState { BootArtifacts = new BootArtifacts { Kernel = "k", Timestamp = "t" } },
        });
        view.Status.Should().Be(new ComponentStatus { Phase = "", StatusOverride = "", Status = "stable" });
        view.ActualState!.BootArtifacts!.Timestamp.Should().BeNull();
        view.ActualState.BootArtifacts.Kernel.Should().Be("k");
    }
}
