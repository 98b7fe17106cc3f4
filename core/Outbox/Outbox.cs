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
    public static string Serialize(object message) => Encoding.UTF8.GetString(Write(message));

    /// <summary><see cref="Serialize"/> as UTF-8 bytes, for a script argument (<see cref="ScriptArgument"/>).</summary>
    public static byte[] SerializeToUtf8(object message) => Write(message).ToArray();

    // The entry in this thread's buffer, valid until the thread's next call.
    private static ReadOnlySpan<byte> Write(object message)
    {
        // The event is embedded as JSON, not as an escaped string: the relay reads it in one pass (OutboxEntry.Parse).
        // The buffer and writer are kept per thread: a write of 2,500 components serializes 2,500 entries, and growing
        // a fresh buffer for each was a fifth of the workers' allocations in a 10k reboot.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("type", message.GetType().FullName);
        writer.WritePropertyName("payload");
        JsonSerializer.Serialize(writer, message, message.GetType(), OutboxEntry.JsonOptions);
        writer.WriteNumber("writtenAt", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (BosActivities.CurrentTraceParent() is { } traceParent) writer.WriteString("traceParent", traceParent);
        writer.WriteEndObject();
        writer.Flush();
        // One unusually large event does not stay pinned to the thread (the span stays valid: the buffer is no longer shared).
        if (buffer.Capacity > MaxKeptBuffer) (t_buffer, t_writer) = (null, null);
        return buffer.WrittenSpan;
    }

    private const int MaxKeptBuffer = 64 * 1024;
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Where a relay that does not hold the lease tells the one that does that entries were committed (Redis pub/sub),
    /// so that what a worker writes leaves at once, not at the lease holder's next poll.
    /// </summary>
    public const string CommittedChannel = "outbox:committed";

    private int _committedHere;

    /// <summary>Tells this process's relay that entries were committed, so it publishes now rather than at its next poll.</summary>
    public void Signal()
    {
        Interlocked.Exchange(ref _committedHere, 1);
        Wake();
    }

    /// <summary>Wakes this process's relay (entries were committed here or, told through <see cref="CommittedChannel"/>, elsewhere).</summary>
    internal void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); }
            catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    /// <summary>Whether entries were committed in this process since the last call.</summary>
    internal bool TakeCommittedHere() => Interlocked.Exchange(ref _committedHere, 0) == 1;

    internal Task<bool> WaitForSignal(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
