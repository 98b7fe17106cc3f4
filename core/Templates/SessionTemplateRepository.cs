using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Redis;
using Bos.Core.Tenancy;

namespace Bos.Core.Templates;

/// <summary>
/// Session templates in Redis: one JSON string per template under "template:{TenantKey}" (MT-03) and the
/// lexicographic index "templates" of those keys, so listing needs no SCAN and keeps upstream's key order.
/// Every write appends its event to the outbox in the same transaction.
/// </summary>
public sealed class SessionTemplateRepository(IRedisStore redis, Outbox.Outbox outbox, TimeProvider clock)
{
    public const string IndexKey = "templates";
    private const int MaxAttempts = 50;

    public static string Key(string tenantKey) => "template:" + tenantKey;

    public async Task<SessionTemplate?> GetAsync(string name, string? tenant) =>
        Parse(await redis.GetAsync(Key(TenantKey.For(tenant, name))));

    /// <summary>Every template of every tenant, in tenant-key order.</summary>
    public async Task<IReadOnlyList<SessionTemplate>> ListAsync()
    {
        var keys = await redis.SortedSetRangeByLexAsync(IndexKey, null);
        return (await redis.GetManyAsync(keys.Select(Key).ToList())).Select(Parse).OfType<SessionTemplate>().ToList();
    }

    /// <summary>Creates or overwrites the template (PUT: last writer wins, as upstream).</summary>
    public async Task<SessionTemplate> PutAsync(SessionTemplate template)
    {
        var tenantKey = TenantKey.For(template.Tenant, template.Name!);
        var tx = redis.CreateTransaction();
        Write(tx, tenantKey, template);
        await tx.ExecuteAsync();
        outbox.Signal();
        return template;
    }

    /// <summary>
    /// Read-modify-write of an existing template, guarded by its previous value; null when it does not exist.
    /// <paramref name="change"/> may run more than once (when the template changed meanwhile) and may throw to abort.
    /// </summary>
    public async Task<SessionTemplate?> UpdateAsync(string name, string? tenant, Func<SessionTemplate, Task<SessionTemplate>> change)
    {
        var tenantKey = TenantKey.For(tenant, name);
        for (var attempt = 1; ; attempt++)
        {
            var raw = await redis.GetAsync(Key(tenantKey));
            if (raw is null) return null;
            var updated = await change(Parse(raw)!);
            var tx = redis.CreateTransaction();
            tx.AddCondition(RedisCondition.KeyEquals(Key(tenantKey), raw));
            Write(tx, tenantKey, updated);
            if (await tx.ExecuteAsync())
            {
                outbox.Signal();
                return updated;
            }
            if (attempt >= MaxAttempts) throw new InvalidOperationException($"Template changed concurrently {MaxAttempts} times; giving up");
        }
    }

    public async Task<bool> DeleteAsync(string name, string? tenant)
    {
        var tenantKey = TenantKey.For(tenant, name);
        var tx = redis.CreateTransaction();
        tx.AddCondition(RedisCondition.KeyExists(Key(tenantKey)));
        _ = tx.DeleteAsync(Key(tenantKey));
        _ = tx.SortedSetRemoveAsync(IndexKey, tenantKey);
        _ = outbox.Enqueue(tx, new SessionTemplateDeleted { TemplateName = name, Tenant = tenant, DeletedAt = clock.GetUtcNow() });
        var deleted = await tx.ExecuteAsync();
        if (deleted) outbox.Signal();
        return deleted;
    }

    private void Write(IRedisTransaction tx, string tenantKey, SessionTemplate template)
    {
        _ = tx.SetAsync(Key(tenantKey), BosJson.Serialize(template));
        _ = tx.SortedSetAddAsync(IndexKey, tenantKey, 0);
        _ = outbox.Enqueue(tx, new SessionTemplateSaved
        {
            TemplateName = template.Name!, Tenant = template.Tenant, Template = template, SavedAt = clock.GetUtcNow(),
        });
    }

    private static SessionTemplate? Parse(string? json) => json is null ? null : BosJson.Deserialize<SessionTemplate>(json);
}
