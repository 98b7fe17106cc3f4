namespace Bos.Workers.Orchestration;

/// <summary>
/// The pause between two reads of a service that publishes no events (CFS components, PCS transitions): the interval,
/// or twice as long as the read itself took, so that however much there is to read the service is read at most a
/// third of the time (100,000 configuring components take 100 CFS calls a round; a 2,500-task transition is a large
/// answer).
/// </summary>
public static class PollPause
{
    /// <summary>The tasks under watch that are read at the whole interval: PCS's largest transition.</summary>
    public const int FullTransition = 2500;

    private const double SmallestShare = 0.2;

    public static TimeSpan After(TimeSpan interval, TimeSpan read) => read * 2 > interval ? read * 2 : interval;

    /// <summary>
    /// The interval of each PCS transition a worker watches, given the tasks of all it watches: a read costs what it
    /// returns, so while they hold fewer than PCS's largest transition (2,500 tasks) they are read proportionally more
    /// often, up to five times: a 1,000-node session's single transition every 100 ms instead of 250, at the cost per
    /// second of one full transition. (Not CFS: its component records are far larger than a task, and configuring takes
    /// minutes, not seconds.)
    /// </summary>
    public static TimeSpan ForTransitions(TimeSpan interval, long watchedTasks) =>
        interval * Math.Clamp((double)watchedTasks / FullTransition, SmallestShare, 1.0);
}
