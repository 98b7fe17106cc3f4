using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Bos.Testing;

/// <summary>
/// Listens to the events a host publishes, straight from RabbitMQ: an exclusive queue bound to MassTransit's
/// exchange for the contract type (named "Namespace:Type"), independent of the bus under test.
/// </summary>
public sealed class EventProbe : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentQueue<JsonElement> _messages = new();
    private readonly ConcurrentQueue<string> _bodies = new();

    private EventProbe(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<EventProbe> ListenAsync<TEvent>(IsolatedVirtualHost vhost)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1", Port = TestServices.RabbitMqPort, VirtualHost = vhost.Name, UserName = "guest", Password = "guest",
        };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var exchange = $"{typeof(TEvent).Namespace}:{typeof(TEvent).Name}";
        // Same declaration MassTransit makes, so whichever side comes first the exchange matches.
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, exchange, "");
        var probe = new EventProbe(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            probe._bodies.Enqueue(System.Text.Encoding.UTF8.GetString(delivery.Body.Span));
            using var envelope = JsonDocument.Parse(delivery.Body);
            probe._messages.Enqueue(envelope.RootElement.GetProperty("message").Clone());
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return probe;
    }

    /// <summary>Every message received so far (MassTransit's camelCase JSON of the event).</summary>
    public IReadOnlyList<JsonElement> Messages => _messages.ToList();

    /// <summary>Every body received so far, as sent (MassTransit's envelope around the message).</summary>
    public IReadOnlyList<string> Bodies => _bodies.ToList();

    /// <summary>Waits until a received message satisfies <paramref name="match"/>; throws after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitFor(Func<JsonElement, bool> match, TimeSpan? timeout = null) =>
        (await Eventually.Until(() => Task.FromResult(_messages.Where(match).Take(1).ToList()), found => found.Count > 0,
            $"a matching event ({_messages.Count} received)", timeout ?? TimeSpan.FromSeconds(20)))[0];

    /// <summary>The items of every batch message received so far (e.g. "changes" of ComponentsChanged), in order.</summary>
    public IReadOnlyList<JsonElement> Items(string property) => _messages.SelectMany(m => m.GetProperty(property).EnumerateArray()).ToList();

    /// <summary>Waits until an item of a received batch message satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForItem(string property, Func<JsonElement, bool> match, TimeSpan? timeout = null) =>
        (await Eventually.Until(() => Task.FromResult(Items(property).Where(match).Take(1).ToList()), found => found.Count > 0,
            $"a matching {property} item ({_messages.Count} messages received)", timeout ?? TimeSpan.FromSeconds(20)))[0];

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
    }
}
