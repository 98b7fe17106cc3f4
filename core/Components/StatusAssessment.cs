using Bos.Contracts.Resources;
using Bos.Core.Options;
using Bos.Core.Time;

namespace Bos.Core.Components;

/// <summary>What the hardware services report for one component when it is assessed.</summary>
/// <param name="PowerState">PCS power state lower-cased ("on", "off", "undefined"), the PCS error text, or null when PCS returned nothing.</param>
/// <param name="Cfs">The CFS component, or null when CFS returned nothing.</param>
public sealed record HardwareObservation(string? PowerState, CfsObservation? Cfs);

public sealed record CfsObservation(string DesiredConfig, string ConfigurationStatus);

/// <summary>The outcome of one assessment (one row of OP-30).</summary>
public sealed record Assessment(string? Phase, string StatusOverride, bool Disable, string? Error, bool ActionFailed);

/// <summary>
/// The status operator's decision table (OP-30, steps S0..S12) and its write rules, as one pure function: the
/// component saga applies it to each observation.
/// </summary>
public static class StatusAssessment
{
    public static Assessment Assess(Component c, HardwareObservation hw, BosOptions options, DateTimeOffset now)
    {
        var phase = c.Status?.Phase ?? "";
        // S0: missing information puts the component on hold, disabled.
        if (hw.PowerState is null)
            return new(phase, Statuses.OnHold, true, "Component information was not returned by pcs", false);
        if (hw.Cfs is null)
            return new(phase, Statuses.OnHold, true, "Component information was not returned by cfs", false);

        // S1: failed stays failed and is disabled; evaluation continues for the phase.
        var failed = ComponentStatusRule.Compute(c) == Statuses.Failed;
        var result = Decide(c, hw.PowerState, hw.Cfs, options, now);
        return failed ? result with { StatusOverride = Statuses.Failed, Disable = true } : result;
    }

    private static Assessment Decide(Component c, string power, CfsObservation cfs, BosOptions options, DateTimeOffset now)
    {
        var desiredKernel = c.DesiredState?.BootArtifacts?.Kernel ?? "";
        var action = c.LastAction?.Action;
        if (power == "off")
        {
            if (desiredKernel == "") return new(Phases.None, "", true, null, false);                            // S2
            var timedOut = action == Actions.PoweringOn && Elapsed(c, now) > TimeSpan.FromSeconds(options.MaxPowerOnWaitTime);
            return new(Phases.PoweringOn, "", false, null, timedOut);                                         // S3
        }
        if (desiredKernel == "") return new(Phases.PoweringOff, "", false, null, false);                      // S4

        if (BootArtifactsMatch(c))
        {
            var desiredConfig = c.DesiredState?.Configuration ?? "";
            if (cfs.DesiredConfig != desiredConfig) return new(Phases.Configuring, "", false, null, false);   // S5
            if (desiredConfig == "") return new(Phases.None, "", true, null, false);                          // S6
            return cfs.ConfigurationStatus switch
            {
                "configured" => new(Phases.None, "", true, null, false),                                    // S7
                "failed" => new(Phases.Configuring, Statuses.Failed, true, "cfs configuration failed", false), // S8
                "pending" => new(Phases.Configuring, "", false, null, false),                               // S9
                var other => new(Phases.Configuring, Statuses.Failed, true,                                  // S10
                    $"cfs is not reporting a valid configuration status for this component: {other}", false),
            };
        }
        if (action == Actions.PoweringOn && Elapsed(c, now) <= TimeSpan.FromSeconds(options.MaxBootWaitTime))
            return new(Phases.PoweringOn, "", false, null, false);                                            // S11
        return new(Phases.PoweringOff, "", false, null, false);                                               // S12
    }

    /// <summary>BootArtifactStatesMatch: kernel, initrd and kernel parameters equal, ignoring spire_join_token (Q-09 fixed).</summary>
    public static bool BootArtifactsMatch(Component c)
    {
        var desired = c.DesiredState?.BootArtifacts;
        var actual = c.ActualState?.BootArtifacts;
        if (desired is null || actual is null) return false;
        return desired.Kernel == actual.Kernel && desired.Initrd == actual.Initrd
               && WithoutSpireToken(desired.KernelParameters) == WithoutSpireToken(actual.KernelParameters);
    }

    private static string WithoutSpireToken(string? parameters) =>
        string.Join(' ', (parameters ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("spire_join_token=", StringComparison.Ordinal)));

    private static TimeSpan Elapsed(Component c, DateTimeOffset now) =>
        Timestamps.TryParse(c.LastAction?.LastUpdated, out var at) ? now - at : TimeSpan.MaxValue;

    /// <summary>
    /// The component patch an assessment writes (upstream `_updated_component`), or null when nothing changed.
    /// </summary>
    public static Component? ToPatch(Component c, Assessment a)
    {
        var oldPhase = c.Status?.Phase ?? "";
        var newPhase = a.Phase ?? oldPhase;
        var phaseChanged = newPhase != oldPhase;
        var overrideChanged = (c.Status?.StatusOverride ?? "") != a.StatusOverride;
        var disable = a.Disable && c.Enabled != false;
        var errorChanged = !string.IsNullOrEmpty(a.Error) && a.Error != c.Error;
        var failNow = a.ActionFailed && c.LastAction?.Failed != true;
        if (!phaseChanged && !overrideChanged && !disable && !errorChanged && !failNow) return null;

        return new Component
        {
            Id = c.Id,
            Status = new ComponentStatus { StatusOverride = a.StatusOverride, Phase = phaseChanged ? newPhase : null },
            EventStats = phaseChanged && newPhase == "" ? EventStats.Zero : null,
            ActualState = phaseChanged && oldPhase == Phases.PoweringOff ? ActualState.Empty : null,
            Enabled = disable ? false : null,
            Error = errorChanged ? a.Error : null,
            LastAction = failNow ? new LastAction { Failed = true } : null,
        };
    }
}
