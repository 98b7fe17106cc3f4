using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Time;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>OP-30: the status decision table, row by row.</summary>
public sealed class StatusAssessmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly BootArtifacts Image = new() { Kernel = "k", Initrd = "i", KernelParameters = "console=ttyS0 spire_join_token=abc" };
    private static readonly CfsObservation Configured = new("cfg", "configured");

    private static Component Node(string kernel = "k", BootArtifacts? actual = null, string config = "cfg",
        string? action = null, int secondsSinceAction = 0, string phase = "", string statusOverride = "") => new()
        {
            Id = "x1", Enabled = true,
            DesiredState = new DesiredState { BootArtifacts = Image with { Kernel = kernel }, Configuration = config },
            ActualState = actual is null ? null : new ActualState { BootArtifacts = actual },
            LastAction = action is null ? null : new LastAction { Action = action, LastUpdated = Timestamps.Format(Now.AddSeconds(-secondsSinceAction)) },
            Status = new ComponentStatus { Phase = phase, StatusOverride = statusOverride },
        };

    private static Assessment Assess(Component c, string? power, CfsObservation? cfs = null) =>
        StatusAssessment.Assess(c, new HardwareObservation(power, cfs ?? Configured), BosOptions.Defaults, Now);

    [Fact]
    public void S0_missing_power_or_cfs_information_holds_and_disables()
    {
        Assess(Node(), null).Should().Be(new Assessment("", "on_hold", true, "Component information was not returned by pcs", false));
        StatusAssessment.Assess(Node(), new HardwareObservation("on", null), BosOptions.Defaults, Now)
            .Should().Be(new Assessment("", "on_hold", true, "Component information was not returned by cfs", false));
    }

    [Fact]
    public void S1_failed_stays_failed_and_disabled_while_the_phase_is_still_evaluated() =>
        Assess(Node(statusOverride: "failed"), "off").Should().Be(new Assessment("powering_on", "failed", true, null, false));

    [Fact]
    public void S2_off_with_off_target_is_shutdown_success() =>
        Assess(Node(kernel: ""), "off").Should().Be(new Assessment("", "", true, null, false));

    [Theory]
    [InlineData(null, 0, false)]
    [InlineData("powering_on", 60, false)]
    [InlineData("powering_on", 121, true)]
    public void S3_off_with_on_target_powers_on_and_times_out_after_max_power_on_wait(string? action, int seconds, bool failed) =>
        Assess(Node(action: action, secondsSinceAction: seconds), "off").Should().Be(new Assessment("powering_on", "", false, null, failed));

    [Fact]
    public void S4_on_with_off_target_powers_off() =>
        Assess(Node(kernel: ""), "on").Should().Be(new Assessment("powering_off", "", false, null, false));

    [Fact]
    public void S5_to_S10_booted_with_matching_artifacts_follow_cfs()
    {
        var booted = Image with { KernelParameters = "console=ttyS0 spire_join_token=other" }; // token ignored
        Assess(Node(actual: booted), "on", new("old", "configured")).Phase.Should().Be("configuring");               // S5
        Assess(Node(actual: booted, config: ""), "on", new("", "")).Should().Be(new Assessment("", "", true, null, false)); // S6
        Assess(Node(actual: booted), "on").Should().Be(new Assessment("", "", true, null, false));                    // S7
        Assess(Node(actual: booted), "on", new("cfg", "failed")).Should().Be(new Assessment("configuring", "failed", true, "cfs configuration failed", false)); // S8
        Assess(Node(actual: booted), "on", new("cfg", "pending")).Should().Be(new Assessment("configuring", "", false, null, false)); // S9
        Assess(Node(actual: booted), "on", new("cfg", "unconfigured")).Error
            .Should().Be("cfs is not reporting a valid configuration status for this component: unconfigured");      // S10
    }

    [Theory]
    [InlineData("powering_on", 600, "powering_on")]
    [InlineData("powering_on", 1201, "powering_off")]
    [InlineData("session_setup", 0, "powering_off")]
    public void S11_S12_wrong_or_no_artifacts_wait_for_boot_then_reboot(string action, int seconds, string phase) =>
        Assess(Node(action: action, secondsSinceAction: seconds, actual: Image with { Kernel = "old" }), "on").Phase.Should().Be(phase);

    [Fact]
    public void Undefined_power_counts_as_not_off() =>
        Assess(Node(kernel: ""), "undefined").Phase.Should().Be("powering_off");

    [Fact]
    public void Patch_clears_actual_state_when_leaving_powering_off_and_zeroes_stats_when_done()
    {
        var c = Node(phase: "powering_off", actual: Image);
        var patch = StatusAssessment.ToPatch(c, new Assessment("powering_on", "", false, null, false))!;
        patch.Status.Should().Be(new ComponentStatus { Phase = "powering_on", StatusOverride = "" });
        patch.ActualState.Should().Be(ActualState.Empty);
        patch.EventStats.Should().BeNull();

        var done = StatusAssessment.ToPatch(Node(phase: "configuring"), new Assessment("", "", true, null, false))!;
        done.EventStats.Should().Be(EventStats.Zero);
        done.Enabled.Should().BeFalse();
    }

    [Fact]
    public void Patch_is_null_when_nothing_changes() =>
        StatusAssessment.ToPatch(Node(phase: "configuring"), new Assessment("configuring", "", false, null, false)).Should().BeNull();
}
