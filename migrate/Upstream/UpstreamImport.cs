using System.Text.Json.Nodes;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Json;
using Bos.Core.Options;
using Bos.Core.Redis;
using Bos.Core.Sessions;
using Bos.Core.Templates;
using Bos.Core.Tenancy;
using Bos.Migrate.Report;
using Bos.Migrate.Rules;
using Bos.Migrate.Writing;
using Microsoft.Extensions.Logging;

namespace Bos.Migrate.Upstream;

/// <summary>
/// Imports an upstream BOS database into Bos: options, session templates (repaired as the migration job would,
/// DB-20), sessions with their saved statuses, components and BSS tokens, keeping names, tenants, timestamps (as
/// stored, naive ones included) and the components' desired/actual/staged state. Upstream's records win over
/// Bos's records of the same key; a record equal to Bos's counts as unchanged, so a second run writes nothing.
/// </summary>
public sealed class UpstreamImport(IRedisStore redis, RecordSchema schema, MigrationWriter writer, BssTokenStore bssTokens,
    OptionsStore options, ILogger<UpstreamImport> logger)
{
    private const int Chunk = 500;

    public async Task<MigrationReport> RunAsync(UpstreamDatabase upstream)
    {
        var report = new MigrationReport(writer.DryRun);
        await OptionsAsync(upstream, report);
        await TemplatesAsync(upstream, report);
        var sessions = await SessionsAsync(upstream, report);
        await StatusesAsync(upstream, sessions, report);
        await ComponentsAsync(upstream, report);
        await BssTokensAsync(upstream, report);
        return report;
    }

    private async Task OptionsAsync(UpstreamDatabase upstream, MigrationReport report)
    {
        var raw = (await upstream.ValuesAsync(UpstreamDatabase.Options, ["options"]))[0];
        if (raw is null) return;
        var repairs = new List<string>();
        var stored = Read(raw, "options", "options", report, r => r);
        if (stored is null) return;
        var upstreamOptions = OptionsRecord.Effective(stored);
        repairs.AddRange(upstreamOptions.Unknown.Select(k => $"unknown option '{k}' dropped"));
        repairs.AddRange(upstreamOptions.Illegal.Select(k => $"illegal value of '{k}' replaced by its default"));
        if (JsonNode.DeepEquals(upstreamOptions.Record, (await options.ReadAsync()).Record))
            report.Add("options", "options", RecordOutcome.Unchanged);
        else
        {
            await writer.PatchOptionsAsync(upstreamOptions.Record);
            report.Add("options", "options", repairs.Count > 0 ? RecordOutcome.Repaired : RecordOutcome.Imported, repairs);
        }
    }

    private async Task TemplatesAsync(UpstreamDatabase upstream, MigrationReport report)
    {
        var keys = await upstream.KeysAsync(UpstreamDatabase.Templates);
        var used = keys.ToHashSet();
        var values = await upstream.ValuesAsync(UpstreamDatabase.Templates, keys);
        for (var i = 0; i < keys.Count; i++)
        {
            if (values[i] is not { } raw) continue;
            var verdict = Read(raw, "templates", keys[i], report, record =>
            {
                var tenant = record["tenant"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                return TemplateRepair.Judge(keys[i], record, schema, name => used.Contains(TenantKey.For(tenant, name)));
            });
            var (document, repairs) = verdict switch
            {
                TemplateVerdict.Keep => (TypedRecord.Parse(raw), []),
                TemplateVerdict.Rewrite r => (r.Template, r.Repairs),
                TemplateVerdict.Rename r => (r.Template, r.Repairs),
                TemplateVerdict.Delete d => Reject<(JsonObject?, IReadOnlyList<string>)>(report, "templates", keys[i], d.Reason, raw, (null, [])),
                _ => (null, []),
            };
            if (document is null) continue;
            var template = BosJson.Deserialize<SessionTemplate>(document);
            used.Add(TenantKey.For(template.Tenant, template.Name!));
            var key = SessionTemplateRepository.Key(TenantKey.For(template.Tenant, template.Name!));
            if (await redis.GetAsync(key) == BosJson.Serialize(template)) report.Add("templates", Label(template.Name, template.Tenant), RecordOutcome.Unchanged);
            else
            {
                await writer.PutTemplateAsync(template);
                report.Add("templates", Label(template.Name, template.Tenant), repairs.Count > 0 ? RecordOutcome.Repaired : RecordOutcome.Imported, repairs);
            }
        }
    }

    /// <summary>Returns the keys of the sessions that Bos now holds (or would hold, on a dry run).</summary>
    private async Task<HashSet<string>> SessionsAsync(UpstreamDatabase upstream, MigrationReport report)
    {
        var imported = new HashSet<string>();
        var keys = await upstream.KeysAsync(UpstreamDatabase.Sessions);
        var values = await upstream.ValuesAsync(UpstreamDatabase.Sessions, keys);
        for (var i = 0; i < keys.Count; i++)
        {
            if (values[i] is not { } raw) continue;
            var repairs = new List<string>();
            var session = Read(raw, "sessions", keys[i], report, record =>
                RecordChecks.Session(keys[i], record, schema) is { } reason ? throw new RecordRejected(reason) : TypedRecord.Read<Session>(record, "session", repairs));
            if (session is null) continue;
            imported.Add(keys[i]);
            var existing = await redis.GetAsync(SessionRepository.Key(keys[i]));
            if (existing == BosJson.Serialize(session)) report.Add("sessions", Label(session.Name, session.Tenant), RecordOutcome.Unchanged);
            else
            {
                await writer.PutSessionAsync(session, exists: existing is not null);
                report.Add("sessions", Label(session.Name, session.Tenant), repairs.Count > 0 ? RecordOutcome.Repaired : RecordOutcome.Imported, repairs);
            }
        }
        return imported;
    }

    private async Task StatusesAsync(UpstreamDatabase upstream, HashSet<string> sessionKeys, MigrationReport report)
    {
        var keys = await upstream.KeysAsync(UpstreamDatabase.SessionStatuses);
        var values = await upstream.ValuesAsync(UpstreamDatabase.SessionStatuses, keys);
        for (var i = 0; i < keys.Count; i++)
        {
            if (values[i] is not { } raw) continue;
            if (!sessionKeys.Contains(keys[i]))
            {
                Reject<object?>(report, "session statuses", keys[i], "No imported session under this key", raw, null);
                continue;
            }
            var repairs = new List<string>();
            var status = Read(raw, "session statuses", keys[i], report, r => TypedRecord.Read<SessionExtendedStatus>(r, "session status", repairs));
            if (status is null) continue;
            if (await redis.GetAsync(SessionRepository.StatusKey(keys[i])) == BosJson.Serialize(status))
                report.Add("session statuses", keys[i], RecordOutcome.Unchanged);
            else
            {
                var session = BosJson.Deserialize<Session>((await upstream.ValuesAsync(UpstreamDatabase.Sessions, [keys[i]]))[0]!);
                await writer.SaveSessionStatusAsync(session, status);
                report.Add("session statuses", Label(session.Name, session.Tenant), repairs.Count > 0 ? RecordOutcome.Repaired : RecordOutcome.Imported, repairs);
            }
        }
    }

    private async Task ComponentsAsync(UpstreamDatabase upstream, MigrationReport report)
    {
        foreach (var ids in (await upstream.KeysAsync(UpstreamDatabase.Components)).Chunk(Chunk))
        {
            var values = await upstream.ValuesAsync(UpstreamDatabase.Components, ids);
            var current = await redis.GetManyAsync(ids.Select(ComponentRepository.Key).ToList());
            var changed = new List<Component>();
            for (var i = 0; i < ids.Length; i++)
            {
                if (values[i] is not { } raw) continue;
                var repairs = new List<string>();
                var component = Read(raw, "components", ids[i], report, record =>
                    RecordChecks.Component(ids[i], record, schema) is { } reason ? throw new RecordRejected(reason) : TypedRecord.Read<Component>(record, "component", repairs));
                if (component is null) continue;
                if (current[i] == BosJson.Serialize(component)) report.Add("components", ids[i], RecordOutcome.Unchanged);
                else
                {
                    changed.Add(component);
                    report.Add("components", ids[i], repairs.Count > 0 ? RecordOutcome.Repaired : RecordOutcome.Imported, repairs);
                }
            }
            await writer.PutComponentsAsync(changed);
        }
    }

    private async Task BssTokensAsync(UpstreamDatabase upstream, MigrationReport report)
    {
        foreach (var tokens in (await upstream.KeysAsync(UpstreamDatabase.BssTokens)).Chunk(Chunk))
        {
            var values = await upstream.ValuesAsync(UpstreamDatabase.BssTokens, tokens);
            var known = await bssTokens.LookupAsync(tokens);
            for (var i = 0; i < tokens.Length; i++)
            {
                if (values[i] is not { } raw) continue;
                var repairs = new List<string>();
                var artifacts = Read(raw, "bss tokens", tokens[i], report, r => TypedRecord.Read<BootArtifacts>(r, "BSS token record", repairs));
                if (artifacts is null) continue;
                if (known.TryGetValue(tokens[i], out var stored) && stored == artifacts) report.Add("bss tokens", tokens[i], RecordOutcome.Unchanged);
                else
                {
                    await writer.RecordBssTokenAsync(tokens[i], artifacts);
                    report.Add("bss tokens", tokens[i], repairs.Count > 0 ? RecordOutcome.Repaired : RecordOutcome.Imported, repairs);
                }
            }
        }
    }

    /// <summary>Parses a stored value and applies <paramref name="judge"/>; a rejection is reported and logged with the record (null).</summary>
    private T? Read<T>(string raw, string kind, string key, MigrationReport report, Func<JsonObject, T> judge)
    {
        try
        {
            return judge(TypedRecord.Parse(raw));
        }
        catch (RecordRejected e)
        {
            return Reject<T?>(report, kind, key, e.Message, raw, default);
        }
    }

    private T Reject<T>(MigrationReport report, string kind, string key, string reason, string raw, T result)
    {
        logger.LogWarning("Not importing {Kind} under upstream key '{Key}': {Reason}; record: {Record}", kind, key, reason, raw);
        report.Add(kind, key, RecordOutcome.Rejected, [reason]);
        return result;
    }

    private static string Label(string? name, string? tenant) => string.IsNullOrEmpty(tenant) ? name ?? "" : $"{name} (tenant {tenant})";
}
