namespace Bos.Core.Scheduling;

/// <summary>
/// Lets this process's dispatcher sleep for its poll interval yet wake for an entry this process has just
/// scheduled to fall due sooner than the next poll.
/// </summary>
public sealed class SchedulerWakeup
{
    private readonly object _gate = new();
    private DateTime _earliestDueUtc = DateTime.MaxValue;
    private TaskCompletionSource _changed = NewSignal();

    public void Notify(DateTime dueUtc)
    {
        lock (_gate)
        {
            if (dueUtc >= _earliestDueUtc) return;
            _earliestDueUtc = dueUtc;
            _changed.TrySetResult();
        }
    }

    /// <summary>Returns after <paramref name="pollInterval"/>, or when a notified due time comes first.</summary>
    public async Task WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + pollInterval;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_earliestDueUtc < deadline) deadline = _earliestDueUtc;
                // Taken into this wait's deadline: the claim after it picks that entry up.
                _earliestDueUtc = DateTime.MaxValue;
                if (_changed.Task.IsCompleted) _changed = NewSignal();
                changed = _changed.Task;
            }
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) return;
            // Timers may fire a few ms early; waking before the due time would find nothing to claim and cost a
            // whole poll interval, so round up and loop until the deadline has really passed.
            var delay = Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)), cancellationToken);
            if (await Task.WhenAny(changed, delay) == delay)
                await delay; // throws when cancelled
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
