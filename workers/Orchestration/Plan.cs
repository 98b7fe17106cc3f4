using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Time;

namespace Bos.Workers.Orchestration;

/// <summary>What to do next for a component: the action (with its reason), the deadline that guards it, the next sweep.</summary>
public sealed record Plan(NextStep Next, string Reason, Deadline Deadline, DateTimeOffset DeadlineAt, DateTimeOffset RecheckAt, bool ConfigureNeeded)
{
    /// <summary>
    /// Decides from the record as it is after the status assessment (OP-30) what the power operators (OP-13/14/15) and
    /// the configuration operator (OP-16) would do with it, and when it must be looked at again.
    /// <paramref name="power"/> and <paramref name="cfs"/> are the latest observation, null when unknown.
    /// </summary>
    public static Plan For(Component c, string? power, CfsObservation? cfs, BosOptions options, OrchestrationSettings settings, DateTimeOffset now)
    {
        var powerSweep = now + settings.PowerSweepInterval;
        if (c.Enabled != true) return new(NextStep.Finish, "disabled", Deadline.None, default, default, false);

        var lastAction = Timestamps.TryParse(c.LastAction?.LastUpdated, out var at) ? at : (DateTimeOffset?)null;
        var elapsed = lastAction is { } t ? now - t : TimeSpan.MaxValue;
        switch (ComponentStatusRule.Compute(c))
        {
            case Statuses.PowerOnPending:
                return Act(NextStep.PowerOn, c.LastAction?.Action == Actions.PoweringOn && c.LastAction.Failed == true
                    ? $"still off {options.MaxPowerOnWaitTime} s (max_power_on_wait_time) after the last power-on"
                    : "node is off and desired boot artifacts are set", powerSweep);

            case Statuses.PowerOffPending:
                return Act(NextStep.GracefulOff, PowerOffReason(c), powerSweep);

            case Statuses.PowerOffGracefullyCalled or Statuses.PowerOffForcefullyCalled:
                var offWait = TimeSpan.FromSeconds(options.MaxPowerOffWaitTime);
                if (elapsed > offWait)
                    return Act(NextStep.ForcefulOff, lastAction is null
                        ? $"still on after {c.LastAction?.Action}, which has no time"
                        : $"still on {(long)elapsed.TotalSeconds} s after {c.LastAction?.Action} (max_power_off_wait_time {options.MaxPowerOffWaitTime} s)", powerSweep);
                return new(NextStep.Wait, "", Deadline.PowerOff, lastAction!.Value + offWait, powerSweep, false);

            case Statuses.PowerOnCalled:
                // Off: a failed power-on shows after max_power_on_wait_time (S3); on: a missing boot report after max_boot_wait_time (S12).
                return power == "off" || power is null
                    ? new(NextStep.Wait, "", Deadline.PowerOn, (lastAction ?? now) + TimeSpan.FromSeconds(options.MaxPowerOnWaitTime), powerSweep, false)
                    : new(NextStep.Wait, "", Deadline.Boot, (lastAction ?? now) + TimeSpan.FromSeconds(options.MaxBootWaitTime), powerSweep, false);

            case Statuses.Configuring:
                var configureNeeded = cfs is not null && cfs.DesiredConfig != (c.DesiredState?.Configuration ?? "");
                // The ConfigurationWatch reads CFS for every configuring component; the sweep is only the backstop.
                return new(NextStep.Wait, "", Deadline.None, default, powerSweep, configureNeeded);

            default:
                // Enabled but stable, failed or on hold: the next assessment disables it (S1/S2/S6/S7); look again soon.
                return new(NextStep.Wait, "", Deadline.None, default, powerSweep, false);
        }

        static Plan Act(NextStep step, string reason, DateTimeOffset recheck) => new(step, reason, Deadline.None, default, recheck, false);
    }

    private static string PowerOffReason(Component c)
    {
        if ((c.DesiredState?.BootArtifacts?.Kernel ?? "") == "") return "desired state is off";
        if (c.LastAction?.Action == Actions.PoweringOn) return "did not report the desired boot artifacts within max_boot_wait_time; rebooting";
        return (c.ActualState?.BootArtifacts?.Kernel ?? "") == ""
            ? "booted artifacts unknown (reboot requested or never reported); rebooting"
            : "booted other artifacts than desired; rebooting";
    }
}
