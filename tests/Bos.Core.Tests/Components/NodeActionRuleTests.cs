using Bos.Contracts.Resources;
using Bos.Core.Components;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>The dry run's action per node, read off the status operator's decision table.</summary>
public sealed class NodeActionRuleTests
{
    private static readonly BootArtifacts Image = new() { Kernel = "k", Initrd = "i", KernelParameters = "console=ttyS0" };

    private static Component Written(string kernel, BootArtifacts? actual) => new()
    {
        Id = "x1",
        Enabled = true,
        DesiredState = kernel == "" ? DesiredState.Empty : new DesiredState { BootArtifacts = Image with { Kernel = kernel }, Configuration = "cfg" },
        ActualState = actual is null ? null : new ActualState { BootArtifacts = actual },
        // A failed status and an old action must not change what a new session does.
        Status = new ComponentStatus { StatusOverride = "failed" },
        LastAction = new LastAction { Action = Actions.PoweringOn, Failed = true },
    };

    [Theory]
    [InlineData("k", "off", false, "power_on")]        // boot or reboot of an off node
    [InlineData("k", "on", false, "reboot")]           // reboot: setup empties the actual state
    [InlineData("k", "on", true, "none")]              // boot of a node already running the target
    [InlineData("other", "on", true, "reboot")]        // boot of a node running another image
    [InlineData("", "on", false, "power_off")]         // shutdown of an on node
    [InlineData("", "off", false, "none")]             // shutdown of an off node
    [InlineData("k", null, false, "unknown")]          // PCS said nothing
    [InlineData("k", "Component not found in component map.", false, "unknown")]
    public void A_node_gets_the_action_of_the_phase_it_would_enter(string kernel, string? power, bool runsTarget, string action) =>
        NodeActionRule.For(Written(kernel, runsTarget ? Image : null), power).Should().Be(action);
}
