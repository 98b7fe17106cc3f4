using System.Buffers;
using System.Text;
using System.Text.Json;
using Bos.Core.Redis;
using Bos.Core.Telemetry;

namespace Bos.Core.Outbox;

/// <summary>
/// The transactional outbox: an event is appended to a Redis list inside the same MULTI as the change it
/// describes, so a crash between the write and the publish loses nothing; <see cref="OutboxRelay"/> publishes it.
/// </summary>
public sealed class Outbox
{
    public const string ListKey = "outbox";

    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Queues the event in the caller's transaction or batch (the caller executes it).</summary>
    public Task Enqueue(IRedisCommands transaction, object message) => transaction.ListRightPushAsync(ListKey, Serialize(message));

    /// <summary>
    /// The list entry for an event, for writers that append it themselves (e.g. inside a Lua script): the event, when
    /// it was written (the relay's lag) and, while traces are recorded, the writer's trace context (the relay's publish
    /// continues that trace).
    /// </summary>
    public static string Serialize(object message)
    {
        // The event is embedded as JSON, not as an escaped string: the relay reads it in one pass (OutboxEntry.Parse).
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", message.GetType().FullName);
            writer.WritePropertyName("payload");
            JsonSerializer.Serialize(writer, message, message.GetType(), OutboxEntry.JsonOptions);
            writer.WriteNumber("writtenAt", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (BosActivities.CurrentTraceParent() is { } traceParent) writer.WriteString("traceParent", traceParent);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Tells this process's relay that entries were committed, so it publishes now rather than at its next poll.</summary>
    public void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); }
            catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    internal Task<bool> WaitForSignal(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
