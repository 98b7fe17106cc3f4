using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Bos.Bench;

/// <summary>
/// A foreign service listening to every public event (a queue bound with "#" to bos.events), for the reboot benchmark's
/// --events-consumer run: counts the messages it receives and the component events they carry.
/// </summary>
public sealed class EventsConsumer : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private long _messages;
    private long _componentEvents;

    private EventsConsumer(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public long Messages => Interlocked.Read(ref _messages);

    public long ComponentEvents => Interlocked.Read(ref _componentEvents);

    public static async Task<EventsConsumer> BindAsync(string virtualHost)
    {
        var connection = await new ConnectionFactory { HostName = "127.0.0.1", VirtualHost = virtualHost }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync("bos.events", ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, "bos.events", "#");
        var consumer = new EventsConsumer(connection, channel);
        var basic = new AsyncEventingBasicConsumer(channel);
        basic.ReceivedAsync += (_, delivery) =>
        {
            Interlocked.Increment(ref consumer._messages);
            if (delivery.RoutingKey.StartsWith("bos.component.", StringComparison.Ordinal))
            {
                using var body = JsonDocument.Parse(delivery.Body);
                Interlocked.Add(ref consumer._componentEvents, body.RootElement.GetProperty("data").GetProperty("components").GetArrayLength());
            }
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, basic);
        return consumer;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
    }
}
