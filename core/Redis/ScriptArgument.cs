namespace Bos.Core.Redis;

/// <summary>
/// An argument of a Lua script: text, or bytes passed as they are. A stored JSON record is read and written as its UTF-8
/// bytes, so a record write does not decode it to a string and encode it back (BENCHMARKS.md, issue #12).
/// </summary>
public readonly struct ScriptArgument
{
    private ScriptArgument(string? text, byte[]? bytes) => (Text, Bytes) = (text, bytes);

    /// <summary>The argument as text (null when it is bytes).</summary>
    public string? Text { get; }

    /// <summary>The argument as bytes (null when it is text).</summary>
    public byte[]? Bytes { get; }

    public static implicit operator ScriptArgument(string text) => new(text, null);

    public static implicit operator ScriptArgument(byte[] bytes) => new(null, bytes);
}
