using RabbitMQ.Client;

namespace Bos.Bench;

/// <summary>
/// When a foreign service learns that a session completed: a queue bound to Bos's public <c>bos.session.completed</c>
/// event, the moment the event for <c>session</c> arrives. The reboot benchmark's wall time ends there; polling the
/// session (every 100 ms, every second at 100,000 nodes) added up to one poll interval to every run.
/// </summary>
public sealed class SessionCompletedWatch : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly TaskCompletionSource<TimeSpan> _completed;

    private SessionCompletedWatch(IConnection connection, IChannel channel, TaskCompletionSource<TimeSpan> completed)
    {
        _connection = connection;
        _channel = channel;
        _completed = completed;
    }

    /// <summary>Elapsed time of the caller's clock when the event arrived.</summary>
    public Task<TimeSpan> Completed => _completed.Task;

    public static async Task<SessionCompletedWatch> BindAsync(string virtualHost, string session, System.Diagnostics.Stopwatch clock)
    {
        var completed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (connection, channel) = await BosEventsQueue.BindAsync(virtualHost, "bos.session.completed", delivery =>
        {
            var at = clock.Elapsed;
            if (delivery.BasicProperties.Headers?.TryGetValue("bos-session", out var name) == true
                && name is byte[] bytes && System.Text.Encoding.UTF8.GetString(bytes) == session)
                completed.TrySetResult(at);
        });
        return new SessionCompletedWatch(connection, channel, completed);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
    }
}
