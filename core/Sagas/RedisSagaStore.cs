using System.Globalization;
using System.Text.Json;
using Bos.Core.Redis;
using MassTransit;

namespace Bos.Core.Sagas;

/// <summary>
/// Saga instances in Redis, one hash per instance ("saga:{name}:{id}" with fields "v" = version, "d" = JSON).
/// Every write is a MULTI guarded by the version read (optimistic concurrency): a writer that lost the race gets a
/// <see cref="ConcurrencyException"/>, and MassTransit's message retry re-delivers its message against the new state.
/// Adapted from MassTransit.Redis's design (a version field per saga), but the check is atomic here: the version is
/// a transaction condition instead of a read before the write.
/// </summary>
public sealed class RedisSagaStore<TSaga>(IRedisStore redis, RedisSagaRepositoryOptions<TSaga> options)
    where TSaga : class, ISagaVersion
{
    private const string VersionField = "v";
    private const string DataField = "d";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public string Key(Guid correlationId) => $"saga:{options.Name}:{correlationId:N}";

    public async Task<TSaga?> LoadAsync(Guid correlationId)
    {
        var fields = await redis.HashGetAllAsync(Key(correlationId));
        if (!fields.TryGetValue(DataField, out var json) || !fields.TryGetValue(VersionField, out var version)) return null;
        var instance = JsonSerializer.Deserialize<TSaga>(json, Json)
                       ?? throw new SagaException("Stored saga is null", typeof(TSaga), correlationId);
        // The hash field is the authority (the JSON copy is only what was serialised with it).
        instance.Version = int.Parse(version, CultureInfo.InvariantCulture);
        return instance;
    }

    /// <summary>Stores a new instance (version 1); false when one with its id already exists.</summary>
    public async Task<bool> TryInsertAsync(TSaga instance)
    {
        var tx = redis.CreateTransaction();
        tx.AddCondition(RedisCondition.HashNotExists(Key(instance.CorrelationId), VersionField));
        instance.Version = 1;
        Write(tx, instance);
        return await tx.ExecuteAsync();
    }

    public async Task InsertAsync(TSaga instance)
    {
        if (!await TryInsertAsync(instance))
            throw new ConcurrencyException("Saga instance already exists", typeof(TSaga), instance.CorrelationId);
    }

    /// <summary>Writes the instance as version + 1 if the stored version is still the one it was loaded with.</summary>
    public async Task UpdateAsync(TSaga instance)
    {
        var loaded = instance.Version;
        var tx = redis.CreateTransaction();
        tx.AddCondition(RedisCondition.HashEquals(Key(instance.CorrelationId), VersionField, Text(loaded)));
        instance.Version = loaded + 1;
        Write(tx, instance);
        if (await tx.ExecuteAsync()) return;
        instance.Version = loaded;
        throw new ConcurrencyException($"Saga version {loaded} was changed concurrently", typeof(TSaga), instance.CorrelationId);
    }

    /// <summary>Deletes the instance if nobody changed it since it was loaded.</summary>
    public async Task DeleteAsync(TSaga instance)
    {
        var tx = redis.CreateTransaction();
        tx.AddCondition(RedisCondition.HashEquals(Key(instance.CorrelationId), VersionField, Text(instance.Version)));
        _ = tx.DeleteAsync(Key(instance.CorrelationId));
        if (!await tx.ExecuteAsync())
            throw new ConcurrencyException($"Saga version {instance.Version} was changed before its deletion", typeof(TSaga), instance.CorrelationId);
    }

    private void Write(IRedisTransaction tx, TSaga instance)
    {
        var key = Key(instance.CorrelationId);
        _ = tx.HashSetAsync(key, VersionField, Text(instance.Version));
        _ = tx.HashSetAsync(key, DataField, JsonSerializer.Serialize(instance, Json));
    }

    private static string Text(int version) => version.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Where a saga type's instances live: "saga:{Name}:{correlation id}" under the Redis key prefix.</summary>
public sealed record RedisSagaRepositoryOptions<TSaga>(string Name)
    where TSaga : class, ISagaVersion;
