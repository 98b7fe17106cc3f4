namespace Bos.Core.Scheduling;

/// <summary>Bound from the "Scheduler" configuration section: how the dispatcher of scheduled messages polls and claims.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>How often each dispatcher looks for due entries (it also wakes early for entries this process schedules).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a claimed entry stays invisible to other dispatchers; a crashed claimer's entries come back after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most entries claimed by one dispatcher in one round trip.</summary>
    public int ClaimBatchSize { get; set; } = 100;

    /// <summary>When a send fails, the entry is released to be tried again after this delay.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
