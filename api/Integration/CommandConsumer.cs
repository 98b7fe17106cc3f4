using System.Text;
using Bos.Core.Integration;
using Bos.Core.Messaging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Bos.Api.Integration;

/// <summary>
/// Consumes the commands queue (shared by the API replicas) over a plain AMQP connection: each command is carried out
/// by <see cref="CommandDispatcher"/>, answered on its <c>reply_to</c> with its <c>correlation_id</c>, then acked. A
/// command is acked only after its reply, so one whose API died mid-way is carried out again (docs/integration.md).
/// </summary>
public sealed class CommandConsumer(
    CommandDispatcher dispatcher,
    CommandAudit audit,
    IOptions<RabbitMqOptions> broker,
    IOptions<IntegrationOptions> options,
    ILogger<CommandConsumer> logger) : BackgroundService
{
    private const ushort Prefetch = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.AcceptCommands) return;
        var factory = BrokerConnection.Factory(broker.Value, settings, "bos-commands");
        factory.ConsumerDispatchConcurrency = 4;
        IConnection? connection = null;
        while (connection is null)
        {
            try
            {
                connection = await factory.CreateConnectionAsync(stoppingToken);
                await using var setup = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                await DeclareAsync(setup, settings, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Cannot consume commands from {Queue} yet; retrying", settings.CommandsQueue);
                if (connection is not null) await connection.DisposeAsync();
                connection = null;
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
        await using (connection)
        {
            // The connection and its consumer recover by themselves after a broker restart (automatic recovery).
            await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
            await channel.BasicQosAsync(0, Prefetch, false, stoppingToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, stoppingToken);
            await channel.BasicConsumeAsync(settings.CommandsQueue, autoAck: false, consumer, stoppingToken);
            try { await Task.Delay(Timeout.Infinite, stoppingToken); }
            catch (OperationCanceledException) { /* stopping */ }
        }
    }

    private static async Task DeclareAsync(IChannel channel, IntegrationOptions settings, CancellationToken ct)
    {
        // Every routing key reaches the queue, so that an unknown command is answered (404) rather than dropped unroutable.
        await channel.ExchangeDeclareAsync(settings.CommandsExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.QueueDeclareAsync(settings.CommandsQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        await channel.QueueBindAsync(settings.CommandsQueue, settings.CommandsExchange, "#", cancellationToken: ct);
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken ct)
    {
        var request = delivery.BasicProperties;
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["Command"] = delivery.RoutingKey, ["CorrelationId"] = request.CorrelationId });
        var headers = Headers(request.Headers);
        var reply = await dispatcher.DispatchAsync(delivery.RoutingKey, headers, delivery.Body, request.ContentType, request.UserId, ct);
        await audit.RecordAsync(delivery.RoutingKey, headers, delivery.Body, request.UserId, reply);
        if (request.ReplyTo is { Length: > 0 } replyTo)
        {
            var properties = new BasicProperties
            {
                CorrelationId = request.CorrelationId, ContentType = reply.ContentType, Headers = new Dictionary<string, object?> { ["status"] = reply.Status },
            };
            await channel.BasicPublishAsync("", replyTo, mandatory: false, properties, reply.Body, ct);
        }
        // One event per command, as the API logs one per request: 5xx at ERROR, 4xx at INFO, the rest at DEBUG.
        var level = reply.Status >= 500 ? LogLevel.Error : reply.Status >= 400 ? LogLevel.Information : LogLevel.Debug;
        logger.Log(level, "Command {Command} answered {Status}{NoReply}", delivery.RoutingKey, reply.Status,
            string.IsNullOrEmpty(request.ReplyTo) ? " (no reply_to: not sent)" : "");
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
    }

    /// <summary>The message's headers as text (AMQP strings arrive as bytes).</summary>
    private static Dictionary<string, string> Headers(IDictionary<string, object?>? headers) =>
        (headers ?? new Dictionary<string, object?>()).Where(h => h.Value is not null).ToDictionary(h => h.Key, h => h.Value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            bool b => b ? "true" : "false",
            _ => Convert.ToString(h.Value, System.Globalization.CultureInfo.InvariantCulture)!,
        });
}
