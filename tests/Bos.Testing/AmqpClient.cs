using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Bos.Testing;

/// <summary>One message as a foreign service receives it: routing key, AMQP properties and headers, body.</summary>
public sealed record AmqpDelivery(string RoutingKey, IReadOnlyBasicProperties Properties, byte[] Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>A header as text (AMQP strings arrive as bytes).</summary>
    public string? Header(string name) => Properties.Headers?.TryGetValue(name, out var value) == true
        ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
        : null;
}

/// <summary>
/// A plain AMQP client (RabbitMQ.Client, no MassTransit), used the way another service would use Bos's RabbitMQ
/// interface: bind a queue to the events exchange, send commands and read their replies.
/// </summary>
public sealed class AmqpClient : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentQueue<AmqpDelivery> _received = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AmqpDelivery>> _replies = new();
    private bool _consumingReplies;

    private AmqpClient(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<AmqpClient> ConnectAsync(string virtualHost)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1", Port = TestServices.RabbitMqPort, VirtualHost = virtualHost, UserName = "guest", Password = "guest",
        };
        var connection = await factory.CreateConnectionAsync();
        return new AmqpClient(connection, await connection.CreateChannelAsync());
    }

    /// <summary>Every message received on the bound queue so far.</summary>
    public IReadOnlyList<AmqpDelivery> Received => _received.ToList();

    /// <summary>An exclusive queue bound to the topic exchange with <paramref name="bindingKeys"/> (declared as Bos declares it).</summary>
    public async Task BindAsync(string exchange, params string[] bindingKeys)
    {
        await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = await _channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        foreach (var key in bindingKeys) await _channel.QueueBindAsync(queue.QueueName, exchange, key);
        await ConsumeAsync(queue.QueueName);
    }

    /// <summary>
    /// Binds by header values, which a topic exchange cannot: a headers exchange of the client's own, bound to the topic
    /// exchange with "#", and an exclusive queue bound to it matching every one of <paramref name="headers"/>.
    /// </summary>
    public async Task BindByHeadersAsync(string exchange, IDictionary<string, object?> headers)
    {
        await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var filter = $"test.filter.{Guid.NewGuid():N}";
        await _channel.ExchangeDeclareAsync(filter, ExchangeType.Headers, durable: false, autoDelete: true);
        await _channel.ExchangeBindAsync(filter, exchange, "#");
        var queue = await _channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await _channel.QueueBindAsync(queue.QueueName, filter, "", new Dictionary<string, object?>(headers) { ["x-match"] = "all" });
        await ConsumeAsync(queue.QueueName);
    }

    private async Task ConsumeAsync(string queue)
    {
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, d) =>
        {
            _received.Enqueue(new AmqpDelivery(d.RoutingKey, d.BasicProperties, d.Body.ToArray()));
            return Task.CompletedTask;
        };
        await _channel.BasicConsumeAsync(queue, autoAck: true, consumer);
    }

    /// <summary>Waits until a received message satisfies <paramref name="match"/>.</summary>
    public async Task<AmqpDelivery> WaitFor(Func<AmqpDelivery, bool> match, string what, TimeSpan? timeout = null) =>
        (await Eventually.Until(() => Task.FromResult(_received.Where(match).Take(1).ToList()), found => found.Count > 0,
            $"{what} ({_received.Count} messages received: {string.Join(", ", _received.Select(r => r.RoutingKey).Distinct())})", timeout))[0];

    /// <summary>
    /// Sends a command with <c>reply_to</c> = RabbitMQ's direct reply-to and a fresh <c>correlation_id</c>; returns the reply.
    /// </summary>
    public async Task<AmqpDelivery> RequestAsync(string exchange, string command, string? body, IDictionary<string, object?>? headers = null,
        TimeSpan? timeout = null)
    {
        if (!_consumingReplies)
        {
            var consumer = new AsyncEventingBasicConsumer(_channel);
            consumer.ReceivedAsync += (_, d) =>
            {
                if (d.BasicProperties.CorrelationId is { } id && _replies.TryGetValue(id, out var waiting))
                    waiting.TrySetResult(new AmqpDelivery(d.RoutingKey, d.BasicProperties, d.Body.ToArray()));
                return Task.CompletedTask;
            };
            await _channel.BasicConsumeAsync("amq.rabbitmq.reply-to", autoAck: true, consumer);
            _consumingReplies = true;
        }
        var correlationId = Guid.NewGuid().ToString("N");
        var reply = _replies[correlationId] = new TaskCompletionSource<AmqpDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        var properties = new BasicProperties
        {
            ReplyTo = "amq.rabbitmq.reply-to", CorrelationId = correlationId, ContentType = "application/json", Headers = headers,
        };
        await _channel.BasicPublishAsync(exchange, command, mandatory: false, properties, Encoding.UTF8.GetBytes(body ?? ""));
        return await reply.Task.WaitAsync(timeout ?? Eventually.DefaultTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
    }
}
