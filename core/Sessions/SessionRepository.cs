using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Redis;
using Bos.Core.Telemetry;
using Bos.Core.Tenancy;

namespace Bos.Core.Sessions;

/// <summary>
/// Sessions in Redis: "session:{TenantKey}" (MT-03), their saved extended statuses "session-status:{TenantKey}"
/// (DB-07) and the lexicographic index "sessions" of tenant keys (listing without SCAN, in upstream's key order).
/// Every change appends its event to the outbox in the same transaction.
/// </summary>
public sealed class SessionRepository(IRedisStore redis, Outbox.Outbox outbox, TimeProvider clock)
{
    public const string IndexKey = "sessions";
    private const int MaxAttempts = 50;

    public static string Key(string tenantKey) => "session:" + tenantKey;

    public static string StatusKey(string tenantKey) => "session-status:" + tenantKey;

    /// <summary>
    /// The session, parsed straight from Redis's bytes: a session of 100,000 components is a 1.8 MB record, and decoding
    /// it to a string first was a quarter of the API's CPU per GET of it (30 → 22 ms; a client polling it, as the reboot
    /// benchmark does, pays that each time).
    /// </summary>
    public Task<Session?> GetAsync(string name, string? tenant) => redis.GetJsonAsync<Session>(Key(TenantKey.For(tenant, name)));

    /// <summary>
    /// The session's record as stored, null when there is none. Every session is written here, from a <see cref="Session"/>
    /// with <see cref="BosJson.Options"/>, so the record is byte for byte what serializing the parsed session gives (the API's
    /// options are the same): a GET can answer with it as is, a copy instead of parsing and writing 1.8 MB at 100,000 nodes.
    /// </summary>
    public async Task<byte[]?> GetStoredAsync(string name, string? tenant) =>
        (await redis.GetManyUtf8Async([Key(TenantKey.For(tenant, name))]))[0];

    /// <summary>Every session of every tenant, in tenant-key order.</summary>
    public async Task<IReadOnlyList<Session>> ListAsync()
    {
        var keys = await redis.SortedSetRangeByLexAsync(IndexKey, null);
        return (await redis.GetManyAsync(keys.Select(Key).ToList())).Select(Parse<Session>).OfType<Session>().ToList();
    }

    /// <summary>
    /// Every session without its <c>limit</c> and <c>components</c> (null): what the operators' sweeps decide on (name,
    /// tenant, status, times). A session of 100,000 components is a 1.8 MB record; the completion check listed sessions
    /// after each burst of changes, and their node lists were two thirds of a worker's large-object allocations in the
    /// 100k reboot (BENCHMARKS.md). Each record is parsed from a pooled buffer and the lists are skipped unread.
    /// </summary>
    public async Task<IReadOnlyList<Session>> ListWithoutNodeListsAsync()
    {
        var keys = await redis.SortedSetRangeByLexAsync(IndexKey, null);
        var reads = keys.Select(k => redis.GetJsonAsync<Session>(Key(k), WithoutNodeLists)).ToList();
        return (await Task.WhenAll(reads)).OfType<Session>().ToList();
    }

    private static readonly JsonSerializerOptions WithoutNodeLists = new(BosJson.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipNodeLists } },
    };

    private static void SkipNodeLists(JsonTypeInfo info)
    {
        if (info.Type != typeof(Session)) return;
        foreach (var property in info.Properties.Where(p => p.Name is "components" or "limit").ToList()) info.Properties.Remove(property);
    }

    /// <summary>Stores a new session; false when (name, tenant) already exists (the 409 of API-33, decided atomically).</summary>
    public async Task<bool> CreateAsync(Session session)
    {
        var tenantKey = TenantKey.For(session.Tenant, session.Name!);
        var tx = redis.CreateTransaction();
        tx.AddCondition(RedisCondition.KeyNotExists(Key(tenantKey)));
        _ = tx.SetAsync(Key(tenantKey), BosJson.Serialize(session));
        _ = tx.SortedSetAddAsync(IndexKey, tenantKey, 0);
        _ = outbox.Enqueue(tx, new SessionCreated
        {
            SessionName = session.Name!, Tenant = session.Tenant, Session = session, CreatedAt = clock.GetUtcNow(),
        });
        var created = await tx.ExecuteAsync();
        if (!created) return false;
        outbox.Signal();
        BosMetrics.SessionsCreated.Add(1, new KeyValuePair<string, object?>("operation", session.Operation ?? ""));
        return true;
    }

    /// <summary>Read-modify-write guarded by the previous value; null when the session does not exist.</summary>
    public Task<Session?> UpdateAsync(string name, string? tenant, Func<Session, Session> change) => UpdateAsync(name, tenant, change, null);

    /// <summary>
    /// Read-modify-write guarded by the previous value; null when the session does not exist. When the change
    /// completes the session, <paramref name="finalStatus"/> (if given) computes its extended status from the completed
    /// record: it is saved in the same transaction (DB-07) and carried by the event, so the completion, its saved
    /// status and the public "completed" event are one write.
    /// </summary>
    public async Task<Session?> UpdateAsync(string name, string? tenant, Func<Session, Session> change,
        Func<Session, Task<SessionExtendedStatus>>? finalStatus)
    {
        var tenantKey = TenantKey.For(tenant, name);
        for (var attempt = 1; ; attempt++)
        {
            var raw = await redis.GetAsync(Key(tenantKey));
            if (raw is null) return null;
            var previous = Parse<Session>(raw)!;
            var updated = change(previous);
            var json = BosJson.Serialize(updated);
            if (json == raw) return updated;
            var completes = updated.Status?.Status == SessionStatusLabels.Complete && previous.Status?.Status != SessionStatusLabels.Complete;
            var saved = completes && finalStatus is not null ? await finalStatus(updated) : null;
            var tx = redis.CreateTransaction();
            tx.AddCondition(RedisCondition.KeyEquals(Key(tenantKey), raw));
            _ = tx.SetAsync(Key(tenantKey), json);
            if (saved is not null) _ = tx.SetAsync(StatusKey(tenantKey), BosJson.Serialize(saved));
            _ = outbox.Enqueue(tx, new SessionUpdated
            {
                SessionName = name, Tenant = tenant, Session = updated, UpdatedAt = clock.GetUtcNow(),
                PreviousStatus = previous.Status?.Status, ExtendedStatus = saved,
            });
            if (await tx.ExecuteAsync())
            {
                outbox.Signal();
                return updated;
            }
            if (attempt >= MaxAttempts) throw new InvalidOperationException($"Session changed concurrently {MaxAttempts} times; giving up");
        }
    }

    /// <summary>Deletes the session and its saved status (API-38); false when it does not exist.</summary>
    public async Task<bool> DeleteAsync(string name, string? tenant)
    {
        var tenantKey = TenantKey.For(tenant, name);
        var tx = redis.CreateTransaction();
        tx.AddCondition(RedisCondition.KeyExists(Key(tenantKey)));
        _ = tx.DeleteAsync(Key(tenantKey));
        _ = tx.DeleteAsync(StatusKey(tenantKey));
        _ = tx.SortedSetRemoveAsync(IndexKey, tenantKey);
        _ = outbox.Enqueue(tx, new SessionDeleted { SessionName = name, Tenant = tenant, DeletedAt = clock.GetUtcNow() });
        var deleted = await tx.ExecuteAsync();
        if (deleted) outbox.Signal();
        return deleted;
    }

    public async Task<SessionExtendedStatus?> GetSavedStatusAsync(string name, string? tenant) =>
        Parse<SessionExtendedStatus>(await redis.GetAsync(StatusKey(TenantKey.For(tenant, name))));

    /// <summary>Saves the extended status (API-40) while the session exists, so a deleted session leaves no orphan; false otherwise.</summary>
    public async Task<bool> SaveStatusAsync(string name, string? tenant, SessionExtendedStatus status)
    {
        var tenantKey = TenantKey.For(tenant, name);
        var tx = redis.CreateTransaction();
        tx.AddCondition(RedisCondition.KeyExists(Key(tenantKey)));
        _ = tx.SetAsync(StatusKey(tenantKey), BosJson.Serialize(status));
        return await tx.ExecuteAsync();
    }

    private static T? Parse<T>(string? json) where T : class => json is null ? null : BosJson.Deserialize<T>(json);
}
