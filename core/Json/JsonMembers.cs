using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Bos.Core.Json;

/// <summary>
/// The steps of a hand-written object reader, each as the serializer does them under <see cref="BosJson.Options"/>
/// (its web defaults): members found by name ignoring case, a null token read as null, a number also read from a string,
/// any other token where a value was expected a <see cref="JsonException"/>.
/// </summary>
public static class JsonMembers
{
    /// <summary>No more members: the reader is on the object's end.</summary>
    public const int End = -1;

    /// <summary>A member the reader does not know: its value is to be skipped.</summary>
    public const int Unknown = -2;

    /// <summary>From the object's start to its first member's value; returns the member's index in <paramref name="names"/>.</summary>
    public static int First(ref Utf8JsonReader reader, JsonMemberNames names)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"Expected an object, found {reader.TokenType}");
        return Next(ref reader, names);
    }

    /// <summary>From a member's value (read or skipped) to the next member's value; <see cref="End"/> after the last.</summary>
    public static int Next(ref Utf8JsonReader reader, JsonMemberNames names)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject) return End;
        var index = names.IndexOf(ref reader);
        reader.Read();
        return index;
    }

    /// <summary>True on an object's start (to be read), false on null.</summary>
    public static bool Object(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.Null => false,
        _ => throw new JsonException($"Expected an object or null, found {reader.TokenType}"),
    };

    public static string? String(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String when !reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length >= RepeatedStrings.MinLength
            => RepeatedStrings.Get(reader.ValueSpan),
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string or null, found {reader.TokenType}"),
    };

    public static bool? Boolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a boolean or null, found {reader.TokenType}"),
    };

    public static int? Int(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt32(out var number):
                return number;
            case JsonTokenType.String:
                // Whole text only, as the serializer's "allow reading from string" does.
                ReadOnlySpan<byte> text = reader.ValueIsEscaped || reader.HasValueSequence ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
                if (Utf8Parser.TryParse(text, out int parsed, out var used) && used == text.Length) return parsed;
                break;
        }
        throw new JsonException($"Expected a 32-bit integer or null, found {reader.TokenType}");
    }
}
