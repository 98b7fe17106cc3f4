using System.Text.Json.Nodes;
using Bos.Contracts.Events;
using Bos.Core.Json;
using Bos.Core.Redis;
using Microsoft.Extensions.Logging;

namespace Bos.Core.Options;

/// <summary>
/// The options record in Redis (DB-02: one JSON object under "options"). Writes are transactions guarded by the
/// value read (no lost update between API replicas); a PATCH appends <see cref="OptionsChanged"/> to the outbox in
/// the same transaction, so workers learn of every stored change.
/// </summary>
public sealed class OptionsStore(IRedisStore redis, Outbox.Outbox outbox, TimeProvider clock, ILogger<OptionsStore> logger)
{
    public const string Key = "options";
    private const int MaxAttempts = 50;

    /// <summary>Raised after this process stored a record (the argument), so its caches follow at once.</summary>
    public event Action<JsonObject>? Written;

    /// <summary>The effective record (see <see cref="OptionsRecord.Effective"/>), without writing anything.</summary>
    public async Task<OptionsReading> ReadAsync() => Read(await redis.GetAsync(Key));

    /// <summary>
    /// GET (API-24): the effective record. When the stored one lacks options, holds illegal values or unknown keys,
    /// the effective record is written back (as upstream's GET and start-up cleanup did); no event, because no
    /// process's effective options change.
    /// </summary>
    public async Task<JsonObject> GetAsync()
    {
        var raw = await redis.GetAsync(Key);
        var reading = Read(raw);
        if (!reading.NeedsRewrite) return reading.Record;

        var tx = redis.CreateTransaction();
        tx.AddCondition(raw is null ? RedisCondition.KeyNotExists(Key) : RedisCondition.KeyEquals(Key, raw));
        _ = tx.SetAsync(Key, Serialize(reading.Record));
        // A failed condition means another writer got there first; its record is at least as complete as ours.
        if (await tx.ExecuteAsync())
        {
            logger.LogInformation("Options record repaired: defaults for {MissingOptions}, replaced illegal {IllegalOptions}, dropped {UnknownKeys}",
                reading.Missing, reading.Illegal, reading.Unknown);
            Written?.Invoke(reading.Record);
        }
        return reading.Record;
    }

    /// <summary>PATCH (API-25): merges, stores and publishes OptionsChanged atomically; returns what the API answers.</summary>
    public async Task<OptionsPatchResult> PatchAsync(JsonObject patch)
    {
        for (var attempt = 1; ; attempt++)
        {
            var raw = await redis.GetAsync(Key);
            var reading = Read(raw);
            var result = OptionsRecord.Apply(reading.Record, patch);

            var tx = redis.CreateTransaction();
            tx.AddCondition(raw is null ? RedisCondition.KeyNotExists(Key) : RedisCondition.KeyEquals(Key, raw));
            _ = tx.SetAsync(Key, Serialize(result.Stored));
            _ = outbox.Enqueue(tx, new OptionsChanged { Options = OptionsRecord.ToElements(result.Stored), ChangedAt = clock.GetUtcNow() });
            if (await tx.ExecuteAsync())
            {
                outbox.Signal();
                if (result.Unknown.Count > 0)
                    logger.LogWarning("Options patch named unknown options {UnknownKeys}; echoed, not stored", result.Unknown);
                logger.LogInformation("Options patched: {PatchedOptions}", patch.Select(p => p.Key).Except(result.Unknown).ToList());
                Written?.Invoke(result.Stored);
                return result;
            }
            if (attempt >= MaxAttempts) throw new InvalidOperationException($"Options changed concurrently {MaxAttempts} times; giving up");
        }
    }

    private OptionsReading Read(string? raw)
    {
        var stored = OptionsRecord.Parse(raw, out var corrupt);
        if (corrupt) logger.LogError("Stored options record is not a JSON object; every option reads as its default");
        return OptionsRecord.Effective(stored);
    }

    private static string Serialize(JsonObject record) => record.ToJsonString(BosJson.Options);
}
