using Bos.Core.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Bos.Core.Integration;

/// <summary>
/// Publishes a relay round's public events to the events exchange (declared durable, type topic) over a plain AMQP
/// connection with publisher confirms: the relay trims its entries only after this returns, so delivery is
/// at-least-once with the events' ids to de-duplicate on. Messages are persistent; with no queue bound the broker
/// drops them.
/// </summary>
public sealed class PublicEventPublisher(
    SessionTenantLookup sessionTenants,
    IOptions<RabbitMqOptions> broker,
    IOptions<IntegrationOptions> options,
    ILogger<PublicEventPublisher> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>Publishes the public events of these outbox entries; returns how many messages were published.</summary>
    public async Task<int> PublishAsync(IReadOnlyList<PublicEventMapper.Entry> entries, CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.PublishEvents || entries.Count == 0) return 0;
        var tenants = await sessionTenants.ResolveAsync(PublicEventMapper.ComponentSessions(entries));
        var events = PublicEventMapper.Map(entries, tenants);
        if (events.Count == 0) return 0;

        await _gate.WaitAsync(ct);
        try
        {
            var channel = await ChannelAsync(settings, ct);
            // One at a time on the channel: each publish returns once the broker confirmed it.
            foreach (var e in events)
                await channel.BasicPublishAsync(settings.EventsExchange, e.RoutingKey, mandatory: false, Properties(e), e.Body(settings.Source), ct);
            return events.Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Publishing {Count} public events failed; the relay retries them", events.Count);
            await CloseAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static BasicProperties Properties(PublicEvent e)
    {
        var headers = new Dictionary<string, object?> { ["bos-event-type"] = e.Type };
        if (e.Tenant is not null) headers["bos-tenant"] = e.Tenant;
        if (e.Session is not null) headers["bos-session"] = e.Session;
        return new BasicProperties
        {
            MessageId = e.Id,
            Type = e.Type,
            ContentType = PublicEvent.ContentType,
            AppId = "bos",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(e.Time.ToUnixTimeSeconds()),
            Headers = headers,
        };
    }

    private async Task<IChannel> ChannelAsync(IntegrationOptions settings, CancellationToken ct)
    {
        if (_channel is { IsOpen: true }) return _channel;
        await CloseAsync();
        _connection = await BrokerConnection.Factory(broker.Value, settings, "bos-events").CreateConnectionAsync(ct);
        _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        await _channel.ExchangeDeclareAsync(settings.EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct);
        return _channel;
    }

    private async Task CloseAsync()
    {
        try
        {
            if (_channel is not null) await _channel.DisposeAsync();
            if (_connection is not null) await _connection.DisposeAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Closing the events connection failed");
        }
        _channel = null;
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _gate.Dispose();
    }
}
