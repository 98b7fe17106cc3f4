namespace Bos.Workers.Orchestration;

/// <summary>
/// The pause between two reads of a service that publishes no events (CFS components, PCS transitions): the interval,
/// or twice as long as the read itself took, so that however much there is to read the service is read at most a
/// third of the time (100,000 configuring components take 100 CFS calls a round; a 2,500-task transition is a large
/// answer).
/// </summary>
public static class PollPause
{
    /// <summary>The tasks of a transition that waits the whole interval: PCS's largest.</summary>
    public const int FullTransition = 2500;

    private const double SmallestShare = 0.2;

    public static TimeSpan After(TimeSpan interval, TimeSpan read) => read * 2 > interval ? read * 2 : interval;

    /// <summary>
    /// The interval for a PCS transition of <paramref name="tasks"/>: a read costs what it returns, so a transition smaller
    /// than PCS's 2,500 tasks is read proportionally more often, up to five times: a 1,000-node session's single
    /// transition every 100 ms instead of 250, at the same cost per second. (Not CFS: its component records are far
    /// larger than a task, and configuring takes minutes, not seconds.)
    /// </summary>
    public static TimeSpan ForTransition(TimeSpan interval, int tasks) => interval * Math.Clamp((double)tasks / FullTransition, SmallestShare, 1.0);
}
