using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Bos.Bench;

/// <summary>A foreign service's view of Bos's public events: an exclusive queue bound to <c>bos.events</c>.</summary>
internal sealed class BosEventsQueue : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private BosEventsQueue(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    /// <summary>Connects, binds a queue with <paramref name="routingKey"/> and hands every delivery to <paramref name="received"/>.</summary>
    public static async Task<BosEventsQueue> BindAsync(string virtualHost, string routingKey, Action<BasicDeliverEventArgs> received)
    {
        var connection = await new ConnectionFactory { HostName = "127.0.0.1", VirtualHost = virtualHost }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync("bos.events", ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, "bos.events", routingKey);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            received(delivery);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return new BosEventsQueue(connection, channel);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
    }
}
