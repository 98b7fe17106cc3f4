using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bos.Contracts.Resources;

/// <summary>
/// Writes a double as Python's json module does: integral values keep a ".0" (100.0, not 100), so clients that
/// print the values (the cray CLI) show what they showed with upstream.
/// </summary>
public sealed class PythonFloatConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (double.IsFinite(value) && !text.Contains('.') && !text.Contains('E')) text += ".0";
        writer.WriteRawValue(text, skipInputValidation: true);
    }
}
