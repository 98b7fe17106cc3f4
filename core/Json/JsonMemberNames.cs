using System.Text;
using System.Text.Json;

namespace Bos.Core.Json;

/// <summary>The members an object reader knows, by index: matched on their UTF-8 bytes, then ignoring case.</summary>
public sealed class JsonMemberNames(params string[] names)
{
    private readonly byte[][] _utf8 = names.Select(Encoding.UTF8.GetBytes).ToArray();

    public int IndexOf(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var span = reader.ValueSpan;
            for (var i = 0; i < _utf8.Length; i++)
                if (span.SequenceEqual(_utf8[i])) return i;
        }
        var name = reader.GetString();
        for (var i = 0; i < names.Length; i++)
            if (string.Equals(name, names[i], StringComparison.OrdinalIgnoreCase)) return i;
        return JsonMembers.Unknown;
    }
}
