using System.Text.Json.Nodes;

namespace Bos.Migrate.Rules;

/// <summary>
/// Upstream's `get_unused_legal_template_name` and `log_rename_in_template_description` (DB-20): an illegal template
/// name becomes `auto_renamed_` + its legal characters (spaces as `_`) (≤127), with a `_` + 1–2 alphanumerics suffix when the
/// name would end badly or is taken; the former name goes into the description.
/// </summary>
public static class TemplateNames
{
    private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Legal = Alphanumeric + "-._";
    public const int MaxLength = 127;
    public const int MaxDescription = 1023;

    /// <summary>
    /// The name itself when legal; otherwise a legal name for which <paramref name="taken"/> is false.
    /// Throws <see cref="RecordRejected"/> when the name has no legal character or every candidate is taken.
    /// </summary>
    public static string LegalUnused(string name, RecordSchema schema, Func<string, bool> taken)
    {
        if (schema.Follows(JsonValue.Create(name), "SessionTemplateName")) return name;
        if (name.Length == 0 || !name.Any(Legal.Contains))
            throw new RecordRejected($"Does not follow SessionTemplateName schema: {name}");

        var stem = "auto_renamed_" + new string(name.Replace(' ', '_').Where(Legal.Contains).ToArray());
        var candidate = stem[..Math.Min(stem.Length, MaxLength)];
        if (Alphanumeric.Contains(candidate[^1]) && Available(candidate, schema, taken)) return candidate;
        // Upstream formats the suffix tuple itself ("_('a',)"), so no suffixed name was ever legal and such templates
        // were deleted; the characters are joined here (docs/compatibility.md, D-20).
        foreach (var suffix in Suffixes())
        {
            candidate = $"{stem[..Math.Min(stem.Length, MaxLength - 1 - suffix.Length)]}_{suffix}";
            if (Available(candidate, schema, taken)) return candidate;
        }
        throw new RecordRejected("Name does not follow schema");
    }

    /// <summary>Notes the former name in the description, or the longest of upstream's shorter notes that fits.</summary>
    public static void NoteRename(string formerName, JsonObject template)
    {
        var current = template["description"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
        foreach (var note in new[] { $"Former name: {formerName}", "Renamed during BOS upgrade", "Auto-renamed", "Renamed" })
        {
            var description = current.Length > 0 ? $"{current}; {note}" : note;
            if (description.Length > MaxDescription) continue;
            template["description"] = description;
            return;
        }
    }

    private static bool Available(string name, RecordSchema schema, Func<string, bool> taken) =>
        !taken(name) && schema.Follows(JsonValue.Create(name), "SessionTemplateName");

    // itertools.combinations_with_replacement(ALPHANUMERIC, 1 then 2): 62 + 1953 candidates.
    private static IEnumerable<string> Suffixes()
    {
        foreach (var c in Alphanumeric) yield return c.ToString();
        for (var i = 0; i < Alphanumeric.Length; i++)
            for (var j = i; j < Alphanumeric.Length; j++)
                yield return $"{Alphanumeric[i]}{Alphanumeric[j]}";
    }
}
