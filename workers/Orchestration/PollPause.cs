namespace Bos.Workers.Orchestration;

/// <summary>
/// The pause between two reads of a service that publishes no events (CFS components, PCS transitions): the interval,
/// or twice as long as the read itself took, so that however much there is to read the service is read at most a
/// third of the time (100,000 configuring components take 100 CFS calls a round; a 2,500-task transition is a large
/// answer).
/// </summary>
public static class PollPause
{
    public static TimeSpan After(TimeSpan interval, TimeSpan read) => read * 2 > interval ? read * 2 : interval;
}
