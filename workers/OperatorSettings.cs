namespace Bos.Workers;

/// <summary>
/// Timing of the session operators and housekeeping tasks, from configuration section "Operators". The BOS options
/// (discovery_frequency, cleanup_completed_session_ttl, component_actual_state_ttl, ...) stay in the options record;
/// these only say how often Bos looks.
/// </summary>
public sealed class OperatorSettings
{
    public const string Section = "Operators";

    /// <summary>How often pending and running sessions are swept as a safety net for lost events.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often complete sessions older than cleanup_completed_session_ttl are looked for.</summary>
    public TimeSpan SessionCleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often components are checked against component_actual_state_ttl (at least 1 h since 2.50).</summary>
    public TimeSpan ActualStateCleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Shortest discovery period (discovery_frequency 0 made upstream loop without pause).</summary>
    public TimeSpan MinimumDiscoveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest single wait of a periodic task: a changed option takes effect within it.</summary>
    public TimeSpan MaxSleep { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long one run of a periodic task may take before another worker restarts the task (a crashed worker's task
    /// restarts after this). Longer than a discovery whose HSM calls exhaust their retries.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often each worker checks that every periodic task is alive (and starts those that are not).</summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Component changes within this delay share one completion check.</summary>
    public TimeSpan CompletionDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
