using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Redis;

namespace Bos.Core.Components;

/// <summary>
/// Component records in Redis: one JSON string per component ("component:{id}") and a lexicographic index
/// ("components", all scores 0) for paging without reading every key. Every write is a transaction guarded by the
/// record's previous value (optimistic concurrency: no lost update) that also appends the change events to the outbox.
/// </summary>
public sealed class ComponentRepository(IRedisStore redis, Outbox.Outbox outbox, TimeProvider clock)
{
    public const string IndexKey = "components";
    private const int ChunkSize = 500;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    public static string Key(string id) => "component:" + id;

    public async Task<Component?> GetAsync(string id) => Parse(await redis.GetAsync(Key(id)));

    /// <summary>Records in the order of <paramref name="ids"/>, null where absent; pipelined MGET.</summary>
    public async Task<IReadOnlyList<Component?>> GetManyAsync(IReadOnlyList<string> ids) =>
        (await redis.GetManyAsync(ids.Select(Key).ToList())).Select(Parse).ToList();

    /// <summary>Ids in lexicographic order strictly after <paramref name="after"/>.</summary>
    public Task<IReadOnlyList<string>> IdsAfterAsync(string? after, int take) => redis.SortedSetRangeByLexAsync(IndexKey, after, take);

    /// <summary>
    /// Every record after <paramref name="after"/> in id order, read a chunk at a time; the next chunk is fetched
    /// while the caller consumes the current one.
    /// </summary>
    public async IAsyncEnumerable<Component> ReadAllAsync(string? after = null, int chunk = 1000)
    {
        var next = ReadChunk(after, chunk);
        while (true)
        {
            var (ids, records) = await next;
            if (ids.Count == 0) yield break;
            var more = ids.Count == chunk;
            if (more) next = ReadChunk(ids[^1], chunk);
            foreach (var record in records)
                if (record is not null) yield return record;
            if (!more) yield break;
        }
    }

    private async Task<(IReadOnlyList<string> Ids, IReadOnlyList<Component?> Records)> ReadChunk(string? after, int chunk)
    {
        var ids = await IdsAfterAsync(after, chunk);
        return (ids, ids.Count == 0 ? [] : await GetManyAsync(ids));
    }

    /// <summary>Replaces records whole (PUT), creating them when absent.</summary>
    public Task<IReadOnlyList<Component>> PutManyAsync(IReadOnlyList<Component> records)
    {
        var byId = records.GroupBy(r => r.Id!).ToDictionary(g => g.Key, g => g.Last());
        return UpdateManyAsync(byId.Keys.ToList(), (id, _) => byId[id], createMissing: true);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to each existing record (absent ids are skipped) and stores the results
    /// atomically per chunk; a chunk whose records changed meanwhile is re-read and recomputed.
    /// <paramref name="change"/> returns null to leave a record as it is.
    /// </summary>
    public async Task<IReadOnlyList<Component>> UpdateManyAsync(IReadOnlyList<string> ids,
        Func<string, Component?, Component?> change, bool createMissing = false)
    {
        var result = new List<Component>(ids.Count);
        foreach (var chunk in ids.Distinct().Chunk(ChunkSize))
            result.AddRange(await UpdateChunk(chunk, change, createMissing));
        return result;
    }

    public async Task<Component?> UpdateAsync(string id, Func<Component, Component?> change) =>
        (await UpdateManyAsync([id], (_, record) => record is null ? null : change(record))).SingleOrDefault();

    // Deletes the record, unindexes it, appends its event and uncounts its state (ComponentStateCounts).
    private const string DeleteScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('RPUSH', KEYS[3], ARGV[2])
        local state = redis.call('HGET', KEYS[4], ARGV[1])
        if state then
          redis.call('HINCRBY', KEYS[5], state, -1)
          redis.call('HDEL', KEYS[4], ARGV[1])
        end
        return 1
        """;

    public async Task<bool> DeleteAsync(string id)
    {
        var deleted = (await redis.EvaluateAsync(DeleteScript,
            [Key(id), IndexKey, Outbox.Outbox.ListKey, ComponentStateCounts.StateKey, ComponentStateCounts.CountsKey],
            [id, Outbox.Outbox.Serialize(new ComponentDeleted { ComponentId = id, DeletedAt = clock.GetUtcNow() })])).AsInteger() == 1;
        if (deleted) outbox.Signal();
        return deleted;
    }

    private async Task<List<Component>> UpdateChunk(string[] ids, Func<string, Component?, Component?> change, bool createMissing)
    {
        var started = clock.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var raw = await redis.GetManyAsync(ids.Select(Key).ToList());
            var writes = new List<(string Id, string? Old, string New, string Event, string State)>();
            var written = new List<Component>();
            var now = clock.GetUtcNow();
            for (var i = 0; i < ids.Length; i++)
            {
                var before = Parse(raw[i]);
                if (before is null && !createMissing) continue;
                var after = change(ids[i], before);
                if (after is null) continue;
                after = after with { Id = ids[i] };
                var json = BosJson.Serialize(after);
                written.Add(after);
                if (json == raw[i]) continue;
                var fields = ComponentChanges.Between(before, after);
                writes.Add((ids[i], raw[i], json, Outbox.Outbox.Serialize(new ComponentChanged
                {
                    ComponentId = ids[i], ChangedFields = fields, Component = after, ChangedAt = now, InputChanged = ComponentInputs.Changed(before, after),
                }), ComponentStateCounts.State(after)));
            }
            if (writes.Count == 0 || await CompareAndSet(writes))
            {
                outbox.Signal();
                return written;
            }
            if (clock.GetElapsedTime(started) > GiveUpAfter)
                throw new InvalidOperationException($"Components kept changing concurrently for {GiveUpAfter.TotalSeconds} s; giving up after {attempt} attempts");
            // Jittered exponential back-off: many writers of one record take turns instead of spinning.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 << Math.Min(attempt, 6))));
        }
    }

    // Writes every record only if each still holds the value it was read with (absent: ""), indexes new ids, appends
    // the change events to the outbox and moves the state counts (ComponentStateCounts): one atomic round trip, where
    // a WATCH/MULTI transaction takes two.
    private const string CompareAndSetScript = """
        local n = tonumber(ARGV[1])
        for i = 1, n do
          local current = redis.call('GET', KEYS[i])
          local expected = ARGV[1 + i]
          if expected == '' then
            if current then return 0 end
          elseif current ~= expected then
            return 0
          end
        end
        for i = 1, n do
          redis.call('SET', KEYS[i], ARGV[1 + n + i])
          if ARGV[1 + i] == '' then redis.call('ZADD', KEYS[n + 1], 0, ARGV[1 + 2 * n + i]) end
          redis.call('RPUSH', KEYS[n + 2], ARGV[1 + 3 * n + i])
          local id, state = ARGV[1 + 2 * n + i], ARGV[1 + 4 * n + i]
          local counted = redis.call('HGET', KEYS[n + 3], id)
          if counted ~= state then
            if counted then redis.call('HINCRBY', KEYS[n + 4], counted, -1) end
            redis.call('HSET', KEYS[n + 3], id, state)
            redis.call('HINCRBY', KEYS[n + 4], state, 1)
          end
        end
        return 1
        """;

    private async Task<bool> CompareAndSet(IReadOnlyList<(string Id, string? Old, string New, string Event, string State)> writes)
    {
        var keys = writes.Select(w => Key(w.Id)).Append(IndexKey).Append(Outbox.Outbox.ListKey)
            .Append(ComponentStateCounts.StateKey).Append(ComponentStateCounts.CountsKey).ToList();
        var args = new List<string>(1 + 5 * writes.Count) { writes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        args.AddRange(writes.Select(w => w.Old ?? ""));
        args.AddRange(writes.Select(w => w.New));
        args.AddRange(writes.Select(w => w.Id));
        args.AddRange(writes.Select(w => w.Event));
        args.AddRange(writes.Select(w => w.State));
        return (await redis.EvaluateAsync(CompareAndSetScript, keys, args)).AsInteger() == 1;
    }

    private static Component? Parse(string? json) => json is null ? null : BosJson.Deserialize<Component>(json);
}
