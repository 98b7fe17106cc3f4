using System.Text.Json;
using RabbitMQ.Client.Events;

namespace Bos.Bench;

/// <summary>
/// A foreign service listening to every public event (a queue bound with "#" to bos.events), for the reboot benchmark's
/// --events-consumer run: counts the messages it receives and the component events they carry.
/// </summary>
public sealed class EventsConsumer : IAsyncDisposable
{
    private BosEventsQueue? _queue;
    private long _messages;
    private long _componentEvents;

    private EventsConsumer()
    {
    }

    public long Messages => Interlocked.Read(ref _messages);

    public long ComponentEvents => Interlocked.Read(ref _componentEvents);

    public static async Task<EventsConsumer> BindAsync(string virtualHost)
    {
        var consumer = new EventsConsumer();
        consumer._queue = await BosEventsQueue.BindAsync(virtualHost, "#", consumer.Count);
        return consumer;
    }

    private void Count(BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref _messages);
        if (!delivery.RoutingKey.StartsWith("bos.component.", StringComparison.Ordinal)) return;
        using var body = JsonDocument.Parse(delivery.Body);
        Interlocked.Add(ref _componentEvents, body.RootElement.GetProperty("data").GetProperty("components").GetArrayLength());
    }

    public ValueTask DisposeAsync() => _queue?.DisposeAsync() ?? ValueTask.CompletedTask;
}
