using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bos.Core.Options;

/// <summary>
/// The rules of the stored options record (DM-80, API-24/25), free of storage: which values count, what a read
/// returns and what a patch stores.
/// </summary>
public static class OptionsRecord
{
    /// <summary>
    /// The record every process works with: each known option at its stored value when that is legal, otherwise at
    /// its default (upstream 2.50's rule for `component_actual_state_ttl`, applied to every option); unknown keys dropped.
    /// </summary>
    public static OptionsReading Effective(JsonObject? stored)
    {
        var record = new JsonObject();
        List<string> missing = [], illegal = [];
        foreach (var option in OptionDefinitions.All)
        {
            JsonNode? value = null;
            if (stored is null || !stored.TryGetPropertyValue(option.Name, out value)) missing.Add(option.Name);
            else if (!option.IsValid(value)) illegal.Add(option.Name);
            record[option.Name] = option.Normalize(value);
        }
        var unknown = stored?.Select(p => p.Key).Where(k => !OptionDefinitions.IsKnown(k)).ToList() ?? [];
        return new OptionsReading(record, missing, illegal, unknown);
    }

    /// <summary>
    /// PATCH (API-25): the known keys of <paramref name="patch"/> replace those of <paramref name="current"/> and
    /// are stored; unknown keys are not stored but echoed in the response, as upstream's response showed them.
    /// </summary>
    /// <exception cref="ArgumentException">A known option has an illegal value (the API validates before this).</exception>
    public static OptionsPatchResult Apply(JsonObject current, JsonObject patch)
    {
        var stored = Effective(current).Record;
        var unknown = new List<string>();
        foreach (var (name, value) in patch)
        {
            if (OptionDefinitions.Find(name) is not { } option) { unknown.Add(name); continue; }
            if (!option.IsValid(value)) throw new ArgumentException($"Illegal value {value?.ToJsonString() ?? "null"} for option '{name}'", nameof(patch));
            stored[name] = option.Normalize(value);
        }
        var response = stored.DeepClone().AsObject();
        foreach (var name in unknown) response[name] = patch[name]?.DeepClone();
        return new OptionsPatchResult(stored, response, unknown);
    }

    /// <summary>The stored text as an object: null when absent; a value that is not a JSON object reads as empty.</summary>
    public static JsonObject? Parse(string? raw, out bool corrupt)
    {
        corrupt = false;
        if (raw is null) return null;
        try
        {
            if (JsonNode.Parse(raw) is JsonObject record) return record;
        }
        catch (JsonException)
        {
            // Falls through: treated like an empty record, so every option reads as its default.
        }
        corrupt = true;
        return new JsonObject();
    }

    /// <summary>The record as the event payload of <see cref="Contracts.Events.OptionsChanged"/>.</summary>
    public static IReadOnlyDictionary<string, JsonElement> ToElements(JsonObject record) =>
        record.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));
}

/// <summary>What a read of the stored record found.</summary>
/// <param name="Record">Every known option at a legal value.</param>
/// <param name="Missing">Options absent from the stored record (given their default).</param>
/// <param name="Illegal">Options whose stored value was illegal (given their default).</param>
/// <param name="Unknown">Stored keys that are not options (dropped).</param>
public sealed record OptionsReading(JsonObject Record, IReadOnlyList<string> Missing, IReadOnlyList<string> Illegal, IReadOnlyList<string> Unknown)
{
    /// <summary>True when the stored record differs from <see cref="Record"/> and should be written back.</summary>
    public bool NeedsRewrite => Missing.Count + Illegal.Count + Unknown.Count > 0;
}

/// <param name="Stored">The record to store: every known option.</param>
/// <param name="Response">What PATCH answers: the stored record plus the patch's unknown keys.</param>
/// <param name="Unknown">The patch's keys that are not options.</param>
public sealed record OptionsPatchResult(JsonObject Stored, JsonObject Response, IReadOnlyList<string> Unknown);
