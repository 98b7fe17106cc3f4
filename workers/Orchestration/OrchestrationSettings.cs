namespace Bos.Workers.Orchestration;

/// <summary>
/// Timing of the event-driven operators (configuration section "Orchestration"). The upstream timeouts
/// (max_power_on_wait_time, max_boot_wait_time, max_power_off_wait_time) and batch sizes come from the live options;
/// these only pace the sweeps that replace upstream's 15 s polls.
/// </summary>
public sealed class OrchestrationSettings
{
    public const string Section = "Orchestration";

    /// <summary>
    /// How often a component in a power phase has its power state read again: only the backstop for missed transitions
    /// (PCS transitions and deadlines drive the rest). A timer shorter than the queues' delay under load only adds load.
    /// </summary>
    public TimeSpan PowerSweepInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the components in the configuring phase have their CFS state read, all in one round (CFS publishes no
    /// events); a round that took longer than half of it is followed by a pause of twice its time.
    /// </summary>
    public TimeSpan ConfigurationWatchInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The CFS watch's round lease: renewed every third of it while a round runs, so no other replica reads CFS
    /// meanwhile; the longest a replica that died mid-round holds up the watch.
    /// </summary>
    public TimeSpan ConfigurationWatchLease { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a CFS desired_config that differs from the component's is given before it is looked at again (and configured again).</summary>
    public TimeSpan ConfigurationSweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>When a power request got no answer (a lost message, a worker that died), look at the component again after this long.</summary>
    public TimeSpan RequestWatchdog { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// When an observation got no answer (PCS or CFS failed, a worker died), ask again after this long: upstream's status
    /// operator polls every 15 s. Asking again for a component still waiting costs nothing (the pending calls are keyed
    /// by component).
    /// </summary>
    public TimeSpan ObservationWatchdog { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Pause between two checks of a PCS transition Bos started (or twice the check's own time, if longer).</summary>
    public TimeSpan TransitionWatchInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Beyond the transition's own deadline (taskDeadlineMinutes), how long to keep watching it.</summary>
    public TimeSpan TransitionWatchGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often one replica looks for enabled components the engine knows nothing of (the safety net, not a poll of the hardware).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Delay of the first reconciliation after start-up.</summary>
    public TimeSpan ReconcileStartDelay { get; set; } = TimeSpan.FromSeconds(10);
}
