using System.Text.Json.Nodes;
using Bos.Core.Tenancy;

namespace Bos.Migrate.Rules;

/// <summary>
/// Upstream's `sanitize_session_template` (DB-20 step 1) as a pure function: required `name` and `boot_sets`, a
/// valid tenant, unknown fields dropped, each boot set repaired (<see cref="BootSetRepair"/>), the description
/// bounded, an illegal name renamed (<see cref="TemplateNames"/>), the key checked, the result validated against
/// `V2SessionTemplate`.
/// </summary>
public static class TemplateRepair
{
    /// <param name="key">the tenant key the record is stored under (`sha1(tenant)-sha1(name)`)</param>
    /// <param name="stored">the stored document (not modified)</param>
    /// <param name="schema">the spec's schemas</param>
    /// <param name="taken">whether a template name is already used in the record's tenant</param>
    public static TemplateVerdict Judge(string key, JsonObject stored, RecordSchema schema, Func<string, bool> taken)
    {
        try
        {
            return JudgeOrThrow(key, stored, schema, taken);
        }
        catch (RecordRejected e)
        {
            return new TemplateVerdict.Delete(e.Message);
        }
    }

    private static TemplateVerdict JudgeOrThrow(string key, JsonObject stored, RecordSchema schema, Func<string, bool> taken)
    {
        var nameNode = Required("name", stored);
        var bootSets = Required("boot_sets", stored);
        if (nameNode is not JsonValue nv || !nv.TryGetValue<string>(out var name)) throw new RecordRejected("'name' field has non-string value");
        var tenant = RecordChecks.Tenant(stored, schema);
        if (bootSets is not JsonObject sets) throw new RecordRejected("'boot_sets' field value has invalid type");
        if (sets.Count == 0) throw new RecordRejected("'boot_sets' field value is empty");
        if (sets.Any(s => s.Value is not JsonObject)) throw new RecordRejected("'boot_sets' dict has at least one non-dict value");

        var repairs = new List<string>();
        var known = schema.Fields("V2SessionTemplate");
        var template = new JsonObject();
        foreach (var (field, value) in stored)
            if (known.Contains(field)) template[field] = value?.DeepClone();
            else repairs.Add($"unknown field '{field}' dropped");

        foreach (var (bootSetName, bootSet) in template["boot_sets"]!.AsObject())
            BootSetRepair.Apply(bootSetName, bootSet!.AsObject(), schema, repairs);
        Description(template, repairs);
        BootSetRepair.SanitizeCfs(template, schema, repairs);

        var newName = TemplateNames.LegalUnused(name, schema, taken);
        if (newName == name)
        {
            var expected = TenantKey.For(tenant, name);
            if (key != expected) throw new RecordRejected($"Actual DB key ('{key}') does not match expected key ('{expected}')");
            Validate(template, schema);
            return JsonNode.DeepEquals(stored, template) ? new TemplateVerdict.Keep() : new TemplateVerdict.Rewrite(template, repairs);
        }

        template["name"] = newName;
        TemplateNames.NoteRename(name, template);
        repairs.Add($"renamed from '{name}' (illegal name) to '{newName}'");
        if (schema.Check(template, "V2SessionTemplate") is { } error)
            throw new RecordRejected($"Renamed session template '{newName}' does not follow the V2SessionTemplate schema ({error}); not saved");
        return new TemplateVerdict.Rename(newName, template, repairs);
    }

    private static void Description(JsonObject template, List<string> repairs)
    {
        if (!template.TryGetPropertyValue("description", out var description)) return;
        if (!RecordSchema.Truthy(description) || description is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            template.Remove("description");
            repairs.Add("empty or non-string 'description' removed");
            return;
        }
        if (text.Length <= TemplateNames.MaxDescription) return;
        template["description"] = text[..TemplateNames.MaxDescription];
        repairs.Add($"'description' truncated to {TemplateNames.MaxDescription} characters");
    }

    private static void Validate(JsonObject template, RecordSchema schema)
    {
        if (schema.Check(template, "V2SessionTemplate") is { } error)
            throw new RecordRejected($"Does not follow V2SessionTemplate schema: {error}");
    }

    internal static JsonNode? Required(string field, JsonObject record) =>
        record.TryGetPropertyValue(field, out var value) ? value : throw new RecordRejected($"Missing required '{field}' field");
}
