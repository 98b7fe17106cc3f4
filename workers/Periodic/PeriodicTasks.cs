namespace Bos.Workers.Periodic;

/// <summary>A periodic task: its queue (also its consumer's endpoint name) and how to make its first tick.</summary>
public sealed record PeriodicTask(string Name, Func<Guid, IPeriodicTick> FirstTick)
{
    public Uri Address { get; } = new("queue:" + Name);
}

/// <summary>Every periodic task the workers run, each driven by a self-rescheduling tick (see <see cref="PeriodicTaskConsumer{TTick}"/>).</summary>
public static class PeriodicTasks
{
    public static readonly PeriodicTask SessionSetupSweep = new("bos-session-setup-sweep", t => new SessionSetupSweep(t, null));
    public static readonly PeriodicTask SessionCompletionSweep = new("bos-session-completion-sweep", t => new SessionCompletionSweep(t, null));
    public static readonly PeriodicTask SessionCleanup = new("bos-session-cleanup", t => new SessionCleanupTick(t, null));
    public static readonly PeriodicTask Discovery = new("bos-discovery", t => new DiscoveryTick(t, null));
    public static readonly PeriodicTask ActualStateCleanup = new("bos-actual-state-cleanup", t => new ActualStateCleanupTick(t, null));

    public static IReadOnlyList<PeriodicTask> All { get; } = [SessionSetupSweep, SessionCompletionSweep, SessionCleanup, Discovery, ActualStateCleanup];
}
