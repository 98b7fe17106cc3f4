using RabbitMQ.Client;
using RabbitMQ.Client.Events;

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
    private readonly TaskCompletionSource<TimeSpan> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SessionCompletedWatch(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    /// <summary>Elapsed time of the caller's clock when the event arrived.</summary>
    public Task<TimeSpan> Completed => _completed.Task;

    public static async Task<SessionCompletedWatch> BindAsync(string virtualHost, string session, System.Diagnostics.Stopwatch clock)
    {
        var connection = await new ConnectionFactory { HostName = "127.0.0.1", VirtualHost = virtualHost }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync("bos.events", ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, "bos.events", "bos.session.completed");
        var watch = new SessionCompletedWatch(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var at = clock.Elapsed;
            if (delivery.BasicProperties.Headers?.TryGetValue("bos-session", out var name) == true
                && name is byte[] bytes && System.Text.Encoding.UTF8.GetString(bytes) == session)
                watch._completed.TrySetResult(at);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
    }
}
