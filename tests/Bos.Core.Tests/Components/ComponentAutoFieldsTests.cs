using Bos.Contracts.Resources;
using Bos.Core.Components;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>DM-41: the side effects of every API write, in order.</summary>
public sealed class ComponentAutoFieldsTests
{
    private const string Now = "2026-11-21T00:00:00Z";
    private static readonly BootArtifacts Known = new() { Kernel = "k", Initrd = "i", KernelParameters = "p", Timestamp = "t0" };

    private static Component Apply(Component data) => ComponentAutoFields.Apply(data, t => t == "known" ? Known : null, Now);

    [Fact]
    public void Known_token_fills_artifacts_and_refreshes_last_updated()
    {
        var result = Apply(new Component { ActualState = new ActualState { BssToken = "known" } });
        result.ActualState!.BootArtifacts.Should().Be(Known);
        result.ActualState.LastUpdated.Should().Be(Now);
    }

    [Fact]
    public void Unknown_token_alone_leaves_last_updated_untouched()
    {
        var result = Apply(new Component { ActualState = new ActualState { BssToken = "unknown" } });
        result.ActualState!.LastUpdated.Should().BeNull();
        result.ActualState.BootArtifacts.Should().BeNull();
    }

    [Fact]
    public void Desired_bss_token_alone_does_not_refresh_desired_last_updated_nor_reset_stats_but_detaches_session()
    {
        var result = Apply(new Component { DesiredState = new DesiredState { BssToken = "t" } });
        result.DesiredState!.LastUpdated.Should().BeNull();
        result.EventStats.Should().BeNull();
        result.Session.Should().Be("");
    }

    [Fact]
    public void Enabling_puts_the_component_on_hold_keeping_other_status_fields()
    {
        var result = Apply(new Component { Enabled = true, Status = new ComponentStatus { Phase = "powering_on" } });
        result.Status.Should().Be(new ComponentStatus { Phase = "powering_on", StatusOverride = "on_hold" });
        Apply(new Component { Enabled = false }).Status.Should().BeNull();
    }

    [Fact]
    public void Desired_state_with_session_keeps_it_and_resets_event_stats()
    {
        var result = Apply(new Component
        {
            DesiredState = new DesiredState { Configuration = "c" }, Session = "s1",
            EventStats = new EventStats { PowerOnAttempts = 2 },
        });
        result.Session.Should().Be("s1");
        result.EventStats.Should().Be(EventStats.Zero);
        result.DesiredState!.LastUpdated.Should().Be(Now);
    }

    [Fact]
    public void Staged_state_and_last_action_get_last_updated()
    {
        var result = Apply(new Component { StagedState = new StagedState { Session = "s" }, LastAction = new LastAction { Action = "powering_on" } });
        result.StagedState!.LastUpdated.Should().Be(Now);
        result.LastAction!.LastUpdated.Should().Be(Now);
    }
}
