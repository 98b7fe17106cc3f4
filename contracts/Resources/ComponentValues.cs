namespace Bos.Contracts.Resources;

/// <summary>Component phases (DM-30).</summary>
public static class Phases
{
    public const string PoweringOn = "powering_on";
    public const string PoweringOff = "powering_off";
    public const string Configuring = "configuring";
    public const string None = "";
}

/// <summary>Last actions (DM-31).</summary>
public static class Actions
{
    public const string ActualStateCleanup = "actual_state_cleanup";
    public const string ApplyStaged = "apply_staged";
    public const string NewlyDiscovered = "newly_discovered";
    public const string PoweringOffForcefully = "powering_off_forcefully";
    public const string PoweringOffGracefully = "powering_off_gracefully";
    public const string PoweringOn = "powering_on";
    public const string SessionSetup = "session_setup";

    /// <summary>The last actions the power operators write (the others are written by someone asking for a new start).</summary>
    public static bool IsPowerAction(string? action) => action is PoweringOn or PoweringOffGracefully or PoweringOffForcefully;
}

/// <summary>Computed component statuses (DM-32).</summary>
public static class Statuses
{
    public const string PowerOnPending = "power_on_pending";
    public const string PowerOnCalled = "power_on_called";
    public const string PowerOffPending = "power_off_pending";
    public const string PowerOffGracefullyCalled = "power_off_gracefully_called";
    public const string PowerOffForcefullyCalled = "power_off_forcefully_called";
    public const string Configuring = "configuring";
    public const string Stable = "stable";
    public const string Failed = "failed";
    public const string OnHold = "on_hold";
}
