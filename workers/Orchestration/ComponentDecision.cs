using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Time;

namespace Bos.Workers.Orchestration;

/// <summary>What the engine plans after an assessment (or after a power call returned).</summary>
public enum NextStep
{
    /// <summary>The component is disabled (done, failed or on hold): the engine forgets it.</summary>
    Finish,

    /// <summary>Nothing to call now: wait for an event, a deadline or the next sweep.</summary>
    Wait,

    PowerOn,
    GracefulOff,
    ForcefulOff,
}

/// <summary>Which timeout guards the component's current power action.</summary>
public enum Deadline
{
    None,

    /// <summary>max_power_on_wait_time: a node still off is a failed power-on (S3).</summary>
    PowerOn,

    /// <summary>max_boot_wait_time: a node on without the desired artifacts is rebooted (S11/S12).</summary>
    Boot,

    /// <summary>max_power_off_wait_time: a node still on is forced off (OP-14).</summary>
    PowerOff,
}

/// <summary>What to do next for a component: the action (with its reason), the deadline that guards it, the next sweep.</summary>
public sealed record Plan(NextStep Next, string Reason, Deadline Deadline, DateTimeOffset DeadlineAt, DateTimeOffset RecheckAt, bool ConfigureNeeded)
{
    /// <summary>The machine's trigger for this plan (<see cref="ComponentMachine"/>).</summary>
    public Trigger Trigger => Next switch
    {
        NextStep.Finish => Trigger.Done,
        NextStep.PowerOn => Trigger.PowerOnDue,
        NextStep.GracefulOff => Trigger.GracefulOffDue,
        NextStep.ForcefulOff => Trigger.ForcefulOffDue,
        _ => Trigger.NothingDue,
    };
}

/// <summary>
/// What upstream's power and configuration operators (OP-13/14/15/16) would do with a component, decided once: the
/// engine plans with it after each assessment, and each power operator selects with it what it acts on (its re-read
/// of the records drops duplicate or stale requests), so "forceful power-off is due" exists only here.
/// </summary>
public static class ComponentDecision
{
    /// <summary>Whether <paramref name="action"/> is due for <paramref name="c"/> as stored now (no fresh observation).</summary>
    public static bool Selects(ActionKind action, Component c, BosOptions options, OrchestrationSettings settings, DateTimeOffset now) =>
        (For(c, null, null, options, settings, now).Next, action) is (NextStep.PowerOn, ActionKind.PowerOn)
            or (NextStep.GracefulOff, ActionKind.GracefulOff) or (NextStep.ForcefulOff, ActionKind.ForcefulOff);

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
