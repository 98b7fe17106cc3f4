using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Time;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>OP-17 selection, and Q-17: last_action only overwritten when the status cannot depend on it.</summary>
public sealed class ActualStateCleanupRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(4);

    private static Component Reported(TimeSpan? age, string kernel = "k", string? phase = null, string? action = Actions.PoweringOn) => new()
    {
        Id = "x1",
        ActualState = new ActualState
        {
            BootArtifacts = new BootArtifacts { Kernel = kernel, KernelParameters = "", Initrd = "" },
            BssToken = "t",
            LastUpdated = age is null ? null : Timestamps.Format(Now - age.Value),
        },
        Status = new ComponentStatus { Phase = phase },
        LastAction = new LastAction { Action = action, Failed = false },
    };

    [Theory]
    [InlineData(5.0, true)]
    [InlineData(4.01, true)]
    [InlineData(4.0, false)]
    [InlineData(1.0, false)]
    public void Due_when_older_than_the_ttl(double hours, bool due) =>
        ActualStateCleanupRule.IsDue(Reported(TimeSpan.FromHours(hours)), Ttl, Now).Should().Be(due);

    [Fact]
    public void Due_when_the_age_is_unknown() => ActualStateCleanupRule.IsDue(Reported(null), Ttl, Now).Should().BeTrue();

    [Fact]
    public void Not_due_without_reported_artifacts()
    {
        ActualStateCleanupRule.IsDue(Reported(TimeSpan.FromDays(9), kernel: ""), Ttl, Now).Should().BeFalse();
        ActualStateCleanupRule.IsDue(new Component { Id = "x1" }, Ttl, Now).Should().BeFalse();
        ActualStateCleanupRule.IsDue(new Component { Id = "x1", ActualState = ActualState.Empty }, Ttl, Now).Should().BeFalse();
    }

    [Fact]
    public void An_idle_component_gets_an_empty_actual_state_and_the_cleanup_action() =>
        ActualStateCleanupRule.Patch(Reported(TimeSpan.FromHours(5), action: Actions.SessionSetup), Ttl, Now).Should().Be(new Component
        {
            Id = "x1", ActualState = ActualState.Empty, LastAction = new LastAction { Action = Actions.ActualStateCleanup, Failed = false },
        });

    [Theory]
    [InlineData(Phases.PoweringOn, Actions.PoweringOn, Statuses.PowerOnCalled)]
    [InlineData(Phases.PoweringOff, Actions.PoweringOffGracefully, Statuses.PowerOffGracefullyCalled)]
    [InlineData(Phases.PoweringOff, Actions.PoweringOffForcefully, Statuses.PowerOffForcefullyCalled)]
    [InlineData(Phases.Configuring, Actions.PoweringOn, Statuses.Configuring)]
    public void In_a_phase_last_action_is_kept_so_the_status_does_not_flip(string phase, string action, string status)
    {
        var component = Reported(TimeSpan.FromHours(5), phase: phase, action: action);
        var patch = ActualStateCleanupRule.Patch(component, Ttl, Now)!;
        patch.LastAction.Should().BeNull();
        patch.Error.Should().BeNull();
        ComponentStatusRule.Compute(ComponentMerge.Apply(component, patch)).Should().Be(status);
    }

    [Fact]
    public void Nothing_when_not_due() => ActualStateCleanupRule.Patch(Reported(TimeSpan.FromHours(1)), Ttl, Now).Should().BeNull();
}
