namespace Bos.Bench;

/// <summary>
/// When a foreign service learns that a session completed: a queue bound to Bos's public <c>bos.session.completed</c>
/// event, the moment the event for <c>session</c> arrives. The reboot benchmark's wall time ends there; polling the
/// session (every 100 ms, every second at 100,000 nodes) added up to one poll interval to every run.
/// </summary>
public sealed class SessionCompletedWatch : IAsyncDisposable
{
    private readonly TaskCompletionSource<TimeSpan> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BosEventsQueue? _queue;

    private SessionCompletedWatch()
    {
    }

    /// <summary>Elapsed time of the caller's clock when the event arrived.</summary>
    public Task<TimeSpan> Completed => _completed.Task;

    public static async Task<SessionCompletedWatch> BindAsync(string virtualHost, string session, System.Diagnostics.Stopwatch clock)
    {
        var watch = new SessionCompletedWatch();
        watch._queue = await BosEventsQueue.BindAsync(virtualHost, "bos.session.completed", delivery =>
        {
            var at = clock.Elapsed;
            if (delivery.BasicProperties.Headers?.TryGetValue("bos-session", out var name) == true
                && name is byte[] bytes && System.Text.Encoding.UTF8.GetString(bytes) == session)
                watch._completed.TrySetResult(at);
        });
        return watch;
    }

    public ValueTask DisposeAsync() => _queue?.DisposeAsync() ?? ValueTask.CompletedTask;
}
