using System.Text.Json.Nodes;
using Bos.Core.Tenancy;

namespace Bos.Migrate.Rules;

/// <summary>
/// Upstream's `check_session` and `check_component` (DB-20 steps 2 and 3): a record whose id field is missing or
/// invalid, or does not give the key it is stored under, is deleted. Null when the record may stay.
/// </summary>
public static class RecordChecks
{
    public static string? Session(string key, JsonObject record, RecordSchema schema) => Reason(() =>
    {
        var name = TemplateRepair.Required("name", record);
        Follow(name, "V2SessionName", schema);
        Keys(key, TenantKey.For(Tenant(record, schema), (string)name!));
    });

    public static string? Component(string key, JsonObject record, RecordSchema schema) => Reason(() =>
    {
        var id = TemplateRepair.Required("id", record);
        Follow(id, "V2ComponentId", schema);
        Keys(key, (string)id!);
    });

    /// <summary>`get_validate_tenant`: null when absent or null, else the tenant if it follows V2TenantName.</summary>
    public static string? Tenant(JsonObject record, RecordSchema schema)
    {
        var tenant = record["tenant"];
        if (tenant is null) return null;
        Follow(tenant, "V2TenantName", schema);
        return (string)tenant!;
    }

    private static void Follow(JsonNode? value, string schemaName, RecordSchema schema)
    {
        if (!schema.Follows(value, schemaName))
            throw new RecordRejected($"Does not follow {schemaName} schema: {Api.Spec.SchemaValidator.Repr(value)}");
    }

    private static void Keys(string actual, string expected)
    {
        if (actual != expected) throw new RecordRejected($"Actual DB key ('{actual}') does not match expected key ('{expected}')");
    }

    private static string? Reason(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (RecordRejected e)
        {
            return e.Message;
        }
    }
}
