namespace Bos.Core.Json;

/// <summary>
/// Long strings read again and again — the same kernel parameters and artifact paths in the actual and desired state of
/// every record of a session — decoded once per thread and then shared: a read compares the bytes with the string last
/// decoded in its slot instead of allocating a new copy (a 1.5 KB record's kernel parameters are most of its allocation).
/// </summary>
public static class RepeatedStrings
{
    /// <summary>Shorter values (timestamps, tokens: different in every record) are decoded as usual.</summary>
    public const int MinLength = 48;

    private const int Slots = 64;

    [ThreadStatic] private static (byte[] Utf8, string Value)[]? _slots;

    /// <summary>The string of <paramref name="utf8"/> (unescaped JSON string bytes, at least <see cref="MinLength"/> long).</summary>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        var slots = _slots ??= new (byte[], string)[Slots];
        // The length and a few bytes pick the slot: different values of one length rarely share the bytes sampled.
        var slot = (int)((uint)(utf8.Length * 31 + utf8[^1] * 7 + utf8[utf8.Length / 2] * 3 + utf8[utf8.Length / 3]) % Slots);
        ref var entry = ref slots[slot];
        if (entry.Utf8 is { } known && utf8.SequenceEqual(known)) return entry.Value;
        var value = System.Text.Encoding.UTF8.GetString(utf8);
        entry = (utf8.ToArray(), value);
        return value;
    }
}
