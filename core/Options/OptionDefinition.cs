using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bos.Core.Options;

/// <summary>One BOS option (DM-80): its stored name, default and the values it accepts.</summary>
public abstract record OptionDefinition(string Name)
{
    /// <summary>The default as a fresh JSON value (a node can belong to one document only).</summary>
    public abstract JsonNode DefaultValue();

    /// <summary>True when <paramref name="value"/> is a legal value of this option.</summary>
    public abstract bool IsValid(JsonNode? value);

    /// <summary>
    /// The value as it is stored: a fresh copy of a legal value in its canonical JSON form
    /// (integers written without a fraction), or the default when the value is illegal.
    /// </summary>
    public JsonNode Normalize(JsonNode? value) => IsValid(value) ? Canonical(value!) : DefaultValue();

    protected abstract JsonNode Canonical(JsonNode value);
}

/// <summary>An integer option with an inclusive range.</summary>
public sealed record IntegerOption(string Name, int Default, int Minimum, int Maximum) : OptionDefinition(Name)
{
    public override JsonNode DefaultValue() => JsonValue.Create(Default);

    public override bool IsValid(JsonNode? value) =>
        value?.GetValueKind() == JsonValueKind.Number && value.Deserialize<double>() is var d
        && d % 1 == 0 && d >= Minimum && d <= Maximum;

    // Deserialize, not GetValue: it reads any numeric representation (20, 20.0, an int- or element-backed node).
    protected override JsonNode Canonical(JsonNode value) => JsonValue.Create((int)value.Deserialize<double>());
}

public sealed record BooleanOption(string Name, bool Default) : OptionDefinition(Name)
{
    public override JsonNode DefaultValue() => JsonValue.Create(Default);

    public override bool IsValid(JsonNode? value) => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    protected override JsonNode Canonical(JsonNode value) => JsonValue.Create(value.GetValue<bool>());
}

/// <summary>A string option constrained like the spec's schema: a length range and a pattern (searched, as jsonschema does).</summary>
public sealed record StringOption(string Name, string Default, string Pattern, int MinLength = 0, int MaxLength = int.MaxValue)
    : OptionDefinition(Name)
{
    private readonly Regex _regex = new(Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public override JsonNode DefaultValue() => JsonValue.Create(Default);

    public override bool IsValid(JsonNode? value)
    {
        if (value?.GetValueKind() != JsonValueKind.String) return false;
        var text = value.GetValue<string>();
        var length = text.EnumerateRunes().Count();
        return length >= MinLength && length <= MaxLength && _regex.IsMatch(text);
    }

    protected override JsonNode Canonical(JsonNode value) => JsonValue.Create(value.GetValue<string>());
}
