using System.Buffers;
using System.Text.Json;
using Bos.Contracts.Resources;
using Bos.Core.Json;

namespace Bos.Core.Components;

/// <summary>
/// A history entry as stored: the bytes <see cref="BosJson"/> writes for it, written directly. Every component write
/// stores one to three entries, and the serializer's generic path (a frame per nesting level for the details'
/// values) was 5 % of the worker's allocations in a 10k reboot (BENCHMARKS.md).
/// </summary>
public static class ComponentHistoryJson
{
    public static byte[] SerializeToUtf8(ComponentHistoryEntry entry)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = BosJson.Options.Encoder });
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        if (entry.Time is { } time) writer.WriteString("time", time);
        if (entry.Kind is { } kind) writer.WriteString("kind", kind);
        // The session is written even when null (the entry's contract).
        writer.WriteString("session", entry.Session);
        if (entry.Summary is { } summary) writer.WriteString("summary", summary);
        if (entry.Details is { } details)
        {
            writer.WriteStartObject("details");
            foreach (var (key, value) in details) WriteDetail(writer, key, value);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        // An unusually long entry (a long error) does not stay pinned to the thread.
        if (buffer.Capacity > MaxKeptBuffer) (t_buffer, t_writer) = (null, null);
        return bytes;
    }

    private static void WriteDetail(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(key); break;
            case string text: writer.WriteString(key, text); break;
            case bool flag: writer.WriteBoolean(key, flag); break;
            case int number: writer.WriteNumber(key, number); break;
            default:
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, value, value.GetType(), BosJson.Options);
                break;
        }
    }

    private const int MaxKeptBuffer = 16 * 1024;
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;
}
