using System.Text.Json.Nodes;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Json;
using Bos.Core.Redis;
using Bos.Core.Sessions;
using Bos.Core.Templates;
using Bos.Core.Tenancy;
using Bos.Migrate.Report;
using Bos.Migrate.Rules;
using Bos.Migrate.Writing;

namespace Bos.Migrate.Own;

/// <summary>
/// Upstream's migration job (DB-20) applied to Bos's own data (docs/storage.md): templates repaired, renamed or
/// deleted, sessions and components with invalid or inconsistent ids deleted; then the indexes made to list exactly
/// the stored records and saved statuses without a session removed. Running it twice changes nothing the second time.
/// </summary>
public sealed class OwnDataMigration(IRedisStore redis, RecordSchema schema, MigrationWriter writer)
{
    public async Task<MigrationReport> RunAsync()
    {
        var report = new MigrationReport(writer.DryRun);
        var templates = await TemplatesAsync(report);
        await IndexAsync(SessionTemplateRepository.IndexKey, templates);
        var sessions = await SessionsAsync(report);
        await IndexAsync(SessionRepository.IndexKey, sessions);
        await foreach (var (key, _) in StoredRecords.ReadAsync(redis, "session-status:"))
            if (!sessions.Contains(key)) await writer.DeleteOrphanStatusAsync(key);
        await IndexAsync(ComponentRepository.IndexKey, await ComponentsAsync(report));
        return report;
    }

    private async Task<HashSet<string>> TemplatesAsync(MigrationReport report)
    {
        var stored = new List<(string Key, string Raw)>();
        await foreach (var record in StoredRecords.ReadAsync(redis, "template:")) stored.Add(record);
        var kept = stored.Select(r => r.Key).ToHashSet();
        foreach (var (key, raw) in stored)
        {
            var verdict = Judge(key, raw, kept);
            var name = NameOf(raw) ?? key;
            switch (verdict)
            {
                case TemplateVerdict.Keep:
                    report.Add("templates", name, RecordOutcome.Unchanged);
                    break;
                case TemplateVerdict.Rewrite rewrite:
                    await writer.PutTemplateAsync(BosJson.Deserialize<SessionTemplate>(rewrite.Template));
                    report.Add("templates", name, RecordOutcome.Repaired, rewrite.Repairs);
                    break;
                case TemplateVerdict.Rename rename:
                    var template = BosJson.Deserialize<SessionTemplate>(rename.Template);
                    await writer.DeleteTemplateAsync(key, $"renamed to '{rename.NewName}'", raw);
                    await writer.PutTemplateAsync(template);
                    kept.Remove(key);
                    kept.Add(TenantKey.For(template.Tenant, rename.NewName));
                    report.Add("templates", name, RecordOutcome.Repaired, rename.Repairs);
                    break;
                case TemplateVerdict.Delete delete:
                    await writer.DeleteTemplateAsync(key, delete.Reason, raw);
                    kept.Remove(key);
                    report.Add("templates", name, RecordOutcome.Rejected, [delete.Reason]);
                    break;
            }
        }
        return kept;
    }

    private TemplateVerdict Judge(string key, string raw, HashSet<string> keys)
    {
        try
        {
            var record = TypedRecord.Parse(raw);
            var tenant = record["tenant"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
            return TemplateRepair.Judge(key, record, schema, name => keys.Contains(TenantKey.For(tenant, name)));
        }
        catch (RecordRejected e)
        {
            return new TemplateVerdict.Delete(e.Message);
        }
    }

    private async Task<HashSet<string>> SessionsAsync(MigrationReport report)
    {
        var kept = new HashSet<string>();
        await foreach (var (key, raw) in StoredRecords.ReadAsync(redis, "session:"))
        {
            var reason = Check(raw, record => RecordChecks.Session(key, record, schema));
            if (reason is null)
            {
                kept.Add(key);
                report.Add("sessions", NameOf(raw)!, RecordOutcome.Unchanged);
                continue;
            }
            await writer.DeleteSessionAsync(key, reason, raw);
            report.Add("sessions", NameOf(raw) ?? key, RecordOutcome.Rejected, [reason]);
        }
        return kept;
    }

    private async Task<HashSet<string>> ComponentsAsync(MigrationReport report)
    {
        var kept = new HashSet<string>();
        await foreach (var (id, raw) in StoredRecords.ReadAsync(redis, "component:"))
        {
            var reason = Check(raw, record => RecordChecks.Component(id, record, schema));
            if (reason is null)
            {
                kept.Add(id);
                report.Add("components", id, RecordOutcome.Unchanged);
                continue;
            }
            await writer.DeleteComponentAsync(id, reason, raw);
            report.Add("components", id, RecordOutcome.Rejected, [reason]);
        }
        return kept;
    }

    /// <summary>Makes the index list exactly <paramref name="stored"/>: entries without a record go, records missing from it are added.</summary>
    private async Task IndexAsync(string index, HashSet<string> stored)
    {
        var listed = (await redis.SortedSetRangeByLexAsync(index, null)).ToHashSet();
        foreach (var member in listed.Except(stored).Order(StringComparer.Ordinal)) await writer.IndexAsync(index, member, add: false);
        foreach (var member in stored.Except(listed).Order(StringComparer.Ordinal)) await writer.IndexAsync(index, member, add: true);
    }

    private static string? Check(string raw, Func<JsonObject, string?> check)
    {
        try
        {
            return check(TypedRecord.Parse(raw));
        }
        catch (RecordRejected e)
        {
            return e.Message;
        }
    }

    private static string? NameOf(string raw)
    {
        try
        {
            return JsonNode.Parse(raw) is JsonObject o && o["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
