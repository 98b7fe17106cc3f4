using System.Text.Json;
using System.Text.Json.Serialization;
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
        var entry = new OutboxEntry(message.GetType().FullName!, JsonSerializer.Serialize(message, message.GetType(), OutboxEntry.JsonOptions))
        {
            WrittenAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            TraceParent = BosActivities.CurrentTraceParent(),
        };
        return JsonSerializer.Serialize(entry, OutboxEntry.JsonOptions);
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

/// <summary>One outbox entry: the event's contract type and its JSON (entries of earlier builds have neither time nor trace).</summary>
public sealed record OutboxEntry(string Type, string Payload)
{
    /// <summary>Unix milliseconds when the entry was written.</summary>
    public long? WrittenAt { get; init; }

    /// <summary>The W3C `traceparent` of the span that wrote it, when traces are recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);
}
