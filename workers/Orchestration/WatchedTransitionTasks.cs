namespace Bos.Workers.Orchestration;

/// <summary>
/// How many tasks the PCS transitions this worker is watching hold in all: their reads share one pace
/// (<see cref="PollPause.ForTransitions"/>), so many small transitions are read no more often than a few large ones.
/// </summary>
public sealed class WatchedTransitionTasks
{
    private long _tasks;

    public long Total => Interlocked.Read(ref _tasks);

    /// <summary>Adds (or, negative, removes) tasks under watch.</summary>
    public void Add(long tasks) => Interlocked.Add(ref _tasks, tasks);
}
