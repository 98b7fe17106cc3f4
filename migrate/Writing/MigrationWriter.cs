using System.Text.Json.Nodes;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Redis;
using Bos.Core.Sessions;
using Bos.Core.Templates;
using Microsoft.Extensions.Logging;

namespace Bos.Migrate.Writing;

/// <summary>
/// Every write of a migration, through Bos's repositories (so each change carries its outbox event, published by the
/// next API or worker that runs the relay). With <see cref="DryRun"/> nothing is written; each write is logged as
/// what it would do.
/// </summary>
public sealed class MigrationWriter(
    MigrationSettings settings, IRedisStore redis, SessionTemplateRepository templates, SessionRepository sessions,
    ComponentRepository components, BssTokenStore bssTokens, OptionsStore options, ILogger<MigrationWriter> logger)
{
    public bool DryRun => settings.DryRun;

    public Task PutTemplateAsync(SessionTemplate template) =>
        Write($"save session template '{template.Name}' (tenant: {template.Tenant})", () => templates.PutAsync(template));

    /// <summary>Deletes a template key that no name/tenant maps to (an invalid record), with its index entry.</summary>
    public Task DeleteTemplateAsync(string tenantKey, string reason, string? raw) =>
        Write($"delete session template under key '{tenantKey}' ({reason}); record: {raw}", () => Delete(
            [SessionTemplateRepository.Key(tenantKey)], SessionTemplateRepository.IndexKey, tenantKey), LogLevel.Warning);

    public Task PutSessionAsync(Session session, bool exists) =>
        Write($"save session '{session.Name}' (tenant: {session.Tenant})", async () =>
        {
            if (exists) await sessions.UpdateAsync(session.Name!, session.Tenant, _ => session);
            else await sessions.CreateAsync(session);
        });

    public Task SaveSessionStatusAsync(Session session, SessionExtendedStatus status) =>
        Write($"save the extended status of session '{session.Name}'", () => sessions.SaveStatusAsync(session.Name!, session.Tenant, status));

    /// <summary>Deletes a session key and its saved status (upstream's `delete_session`).</summary>
    public Task DeleteSessionAsync(string tenantKey, string reason, string? raw) =>
        Write($"delete session under key '{tenantKey}' and its status ({reason}); record: {raw}", () => Delete(
            [SessionRepository.Key(tenantKey), SessionRepository.StatusKey(tenantKey)], SessionRepository.IndexKey, tenantKey), LogLevel.Warning);

    public Task DeleteOrphanStatusAsync(string tenantKey) =>
        Write($"delete the saved status under key '{tenantKey}', whose session does not exist", () => Delete([SessionRepository.StatusKey(tenantKey)], null, null));

    public Task PutComponentsAsync(IReadOnlyList<Component> records) =>
        records.Count == 0 ? Task.CompletedTask : Write($"save {records.Count} components", () => components.PutManyAsync(records));

    public Task DeleteComponentAsync(string id, string reason, string? raw) =>
        Write($"delete component under key '{id}' ({reason}); record: {raw}", () => components.DeleteAsync(id), LogLevel.Warning);

    public Task RecordBssTokenAsync(string token, BootArtifacts artifacts) =>
        Write($"record BSS token '{token}'", () => bssTokens.RecordAsync(token, artifacts), LogLevel.Debug);

    public Task PatchOptionsAsync(JsonObject record) =>
        Write($"store options {record.ToJsonString()}", () => options.PatchAsync(record));

    /// <summary>Adds or removes an index entry so that an index lists exactly the stored records.</summary>
    public Task IndexAsync(string index, string member, bool add) =>
        Write($"{(add ? "add" : "remove")} '{member}' {(add ? "to" : "from")} the index '{index}'",
            () => add ? redis.SortedSetAddAsync(index, member, 0) : redis.SortedSetRemoveAsync(index, member));

    private async Task Delete(IReadOnlyList<string> keys, string? index, string? member)
    {
        var tx = redis.CreateTransaction();
        foreach (var key in keys) _ = tx.DeleteAsync(key);
        if (index is not null) _ = tx.SortedSetRemoveAsync(index, member!);
        await tx.ExecuteAsync();
    }

    private async Task Write(string what, Func<Task> write, LogLevel level = LogLevel.Information)
    {
        if (DryRun)
        {
            logger.Log(level, "Dry run: would {Change}", what);
            return;
        }
        await write();
        logger.Log(level, "Migration: {Change}", what);
    }
}
