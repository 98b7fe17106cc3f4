using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Bos.Core.Redis;
using MassTransit;

namespace Bos.Core.Sagas;

/// <summary>
/// Saga instances in Redis, one hash per instance ("saga:{name}:{id}" with fields "v" = version, "d" = JSON).
/// Every write is one Lua script guarded by the version read (optimistic concurrency, one round trip): a writer that
/// lost the race gets a <see cref="ConcurrencyException"/>, and MassTransit's message retry re-delivers its message
/// against the new state. An instance a message left unchanged is not written at all (most component events are echoes
/// of the orchestration's own writes). Adapted from MassTransit.Redis's design (a version field per saga), but the
/// check is atomic here.
/// </summary>
public sealed class RedisSagaStore<TSaga>(IRedisStore redis, RedisSagaRepositoryOptions<TSaga> options)
    where TSaga : class, ISagaVersion
{
    private const string VersionField = "v";
    private const string DataField = "d";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    // The JSON each loaded instance was stored as, to tell an unchanged instance from a changed one.
    private static readonly ConditionalWeakTable<TSaga, string> Loaded = new();

    // ARGV: expected version ("" = must not exist), new version ("" = delete), data.
    private const string WriteScript = """
        local v = redis.call('HGET', KEYS[1], 'v')
        if ARGV[1] == '' then
          if v then return 0 end
        elseif v ~= ARGV[1] then
          return 0
        end
        if ARGV[2] == '' then
          redis.call('DEL', KEYS[1])
        else
          redis.call('HSET', KEYS[1], 'v', ARGV[2], 'd', ARGV[3])
        end
        return 1
        """;

    public string Key(Guid correlationId) => $"saga:{options.Name}:{correlationId:N}";

    public async Task<TSaga?> LoadAsync(Guid correlationId)
    {
        var fields = await redis.HashGetAllAsync(Key(correlationId));
        if (!fields.TryGetValue(DataField, out var json) || !fields.TryGetValue(VersionField, out var version)) return null;
        var instance = JsonSerializer.Deserialize<TSaga>(json, Json)
                       ?? throw new SagaException("Stored saga is null", typeof(TSaga), correlationId);
        // The hash field is the authority (the JSON copy is only what was serialised with it).
        instance.Version = int.Parse(version, CultureInfo.InvariantCulture);
        Loaded.AddOrUpdate(instance, JsonSerializer.Serialize(instance, Json));
        return instance;
    }

    /// <summary>Stores a new instance (version 1); false when one with its id already exists.</summary>
    public async Task<bool> TryInsertAsync(TSaga instance)
    {
        instance.Version = 1;
        var json = JsonSerializer.Serialize(instance, Json);
        if (!await WriteAsync(instance.CorrelationId, "", Text(1), json)) return false;
        Loaded.AddOrUpdate(instance, json);
        return true;
    }

    public async Task InsertAsync(TSaga instance)
    {
        if (!await TryInsertAsync(instance))
            throw new ConcurrencyException("Saga instance already exists", typeof(TSaga), instance.CorrelationId);
    }

    /// <summary>
    /// Writes the instance as version + 1 if the stored version is still the one it was loaded with; an instance
    /// unchanged since it was loaded is left as it is.
    /// </summary>
    public async Task UpdateAsync(TSaga instance)
    {
        var loaded = instance.Version;
        if (Loaded.TryGetValue(instance, out var before) && before == JsonSerializer.Serialize(instance, Json)) return;
        instance.Version = loaded + 1;
        var json = JsonSerializer.Serialize(instance, Json);
        if (await WriteAsync(instance.CorrelationId, Text(loaded), Text(loaded + 1), json))
        {
            Loaded.AddOrUpdate(instance, json);
            return;
        }
        instance.Version = loaded;
        throw new ConcurrencyException($"Saga version {loaded} was changed concurrently", typeof(TSaga), instance.CorrelationId);
    }

    /// <summary>Deletes the instance if nobody changed it since it was loaded.</summary>
    public async Task DeleteAsync(TSaga instance)
    {
        if (!await WriteAsync(instance.CorrelationId, Text(instance.Version), "", ""))
            throw new ConcurrencyException($"Saga version {instance.Version} was changed before its deletion", typeof(TSaga), instance.CorrelationId);
        Loaded.Remove(instance);
    }

    private async Task<bool> WriteAsync(Guid correlationId, string expectedVersion, string newVersion, string json) =>
        (await redis.EvaluateAsync(WriteScript, [Key(correlationId)], [expectedVersion, newVersion, json])).AsInteger() == 1;

    private static string Text(int version) => version.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Where a saga type's instances live: "saga:{Name}:{correlation id}" under the Redis key prefix.</summary>
public sealed record RedisSagaRepositoryOptions<TSaga>(string Name)
    where TSaga : class, ISagaVersion;
