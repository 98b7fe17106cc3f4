using System.Text.Json.Nodes;
using Bos.Contracts.Resources;

namespace Bos.Migrate.Rules;

/// <summary>
/// Upstream's `sanitize_bootset` and `sanitize_cfs_field` (DB-20): a boot set is corrected in place, or the whole
/// template is rejected (<see cref="RecordRejected"/>) when no path or no non-empty hardware specifier is left.
/// </summary>
public static class BootSetRepair
{
    public static readonly string[] HardwareSpecifiers = ["node_list", "node_roles_groups", "node_groups"];
    private const string SpecifierTuple = "('node_list', 'node_roles_groups', 'node_groups')";

    public static void Apply(string name, JsonObject bootSet, RecordSchema schema, List<string> repairs)
    {
        if (!bootSet.TryGetPropertyValue("path", out var path))
            throw new RecordRejected($"Boot set '{name}': Missing required 'path' field");
        if (schema.Check(path, "BootManifestPath") is not null)
            throw new RecordRejected($"Boot set '{name}' has invalid 'path' field: Does not follow BootManifestPath schema: {Api.Spec.SchemaValidator.Repr(path)}");

        // 's3' is the only legal type, so it is set rather than checked.
        if (bootSet["type"] is not JsonValue type || type.GetValueKind() != System.Text.Json.JsonValueKind.String || (string)type! != "s3")
        {
            bootSet["type"] = "s3";
            repairs.Add($"boot set '{name}': type set to 's3'");
        }
        if (bootSet.Remove("name")) repairs.Add($"boot set '{name}': redundant 'name' removed");
        if (!bootSet.ContainsKey("arch"))
        {
            bootSet["arch"] = BootSetArchs.Default;
            repairs.Add($"boot set '{name}': arch defaulted to '{BootSetArchs.Default}'");
        }
        var known = schema.Fields("V2BootSet");
        foreach (var field in bootSet.Select(p => p.Key).Where(k => !known.Contains(k)).ToList())
        {
            bootSet.Remove(field);
            repairs.Add($"boot set '{name}': unknown field '{field}' dropped");
        }
        try
        {
            SanitizeCfs(bootSet, schema, repairs, $"boot set '{name}': ");
        }
        catch (RecordRejected e)
        {
            throw new RecordRejected($"Boot set '{name}' {e.Message}");
        }

        var specifierFound = false;
        foreach (var (field, value) in bootSet.ToList())
        {
            if (field is "cfs" or "path" or "type") continue;
            // No boot set field is nullable; rootfs_provider and the hardware specifiers may not be empty.
            var emptiable = field == "rootfs_provider" || HardwareSpecifiers.Contains(field);
            if (value is null || (emptiable && !RecordSchema.Truthy(value)))
            {
                bootSet.Remove(field);
                repairs.Add($"boot set '{name}': empty '{field}' removed");
            }
            else if (HardwareSpecifiers.Contains(field)) specifierFound = true;
        }
        if (!specifierFound) throw new RecordRejected($"Boot set '{name}' has no non-empty node fields ({SpecifierTuple})");
    }

    /// <summary>The template's or a boot set's `cfs`: dropped when empty, unknown subfields and an empty configuration removed.</summary>
    public static void SanitizeCfs(JsonObject owner, RecordSchema schema, List<string> repairs, string where = "")
    {
        if (!owner.TryGetPropertyValue("cfs", out var cfs)) return;
        if (!RecordSchema.Truthy(cfs))
        {
            owner.Remove("cfs");
            repairs.Add($"{where}empty 'cfs' removed");
            return;
        }
        if (cfs is not JsonObject fields) throw new RecordRejected("'cfs' field value has invalid type");
        var known = schema.Fields("V2CfsParameters");
        foreach (var field in fields.Select(p => p.Key).Where(k => !known.Contains(k)).ToList())
        {
            fields.Remove(field);
            repairs.Add($"{where}unknown field 'cfs.{field}' dropped");
        }
        if (fields.TryGetPropertyValue("configuration", out var configuration) && !RecordSchema.Truthy(configuration))
        {
            fields.Remove("configuration");
            repairs.Add($"{where}empty 'cfs.configuration' removed");
        }
        if (fields.Count == 0)
        {
            owner.Remove("cfs");
            repairs.Add($"{where}'cfs' left empty and removed");
        }
    }
}
