using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Redis;
using Microsoft.Extensions.Options;

namespace Bos.Core.Components;

/// <summary>
/// Component records in Redis: one JSON string per component ("component:{id}") and a lexicographic index
/// ("components", all scores 0) for paging without reading every key. Every write is a transaction guarded by the
/// record's previous value (optimistic concurrency: no lost update) that also appends the change events to the outbox
/// and the entries of the component's history (<see cref="ComponentHistory"/>).
/// </summary>
public sealed class ComponentRepository(IRedisStore redis, Outbox.Outbox outbox, TimeProvider clock, IOptions<ComponentHistoryOptions>? historyOptions = null)
{
    private readonly ComponentHistoryOptions _history = historyOptions?.Value ?? new ComponentHistoryOptions();

    public const string IndexKey = "components";

    /// <summary>Records written in one script call (a larger batch is written in several, one after the other).</summary>
    public const int ChunkSize = 500;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    public static string Key(string id) => "component:" + id;

    public Task<Component?> GetAsync(string id) => redis.GetJsonAsync<Component>(Key(id));

    /// <summary>Records in the order of <paramref name="ids"/>, null where absent; pipelined MGET.</summary>
    public Task<IReadOnlyList<Component?>> GetManyAsync(IReadOnlyList<string> ids) => redis.GetManyJsonAsync<Component>(ids.Select(Key).ToList());

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

    /// <summary>
    /// The records naming <paramref name="session"/> (in <c>session</c> or <c>staged_state.session</c>) after
    /// <paramref name="after"/>, in id order: the session's index members once it is built, else every record filtered.
    /// With <paramref name="firstChunk"/>, reads start with that many records and double up to <paramref name="chunk"/>:
    /// for a reader that usually stops after a few records (the completion check stops at the first one still running).
    /// </summary>
    public async IAsyncEnumerable<Component> ReadSessionAsync(string session, string? after = null, int chunk = 1000, int? firstChunk = null)
    {
        if (!await redis.ExistsAsync(SessionComponentIndex.ReadyKey))
        {
            await foreach (var record in ReadAllAsync(after, chunk))
                if (SessionComponentIndex.Names(record, session)) yield return record;
            yield break;
        }
        for (var size = Math.Min(firstChunk ?? chunk, chunk); ; size = Math.Min(size * 2, chunk))
        {
            var ids = await redis.SortedSetRangeByLexAsync(SessionComponentIndex.Key(session), after, size);
            if (ids.Count == 0) yield break;
            foreach (var record in await GetManyAsync(ids))
                if (record is not null && SessionComponentIndex.Names(record, session)) yield return record;
            if (ids.Count < size) yield break;
            after = ids[^1];
        }
    }

    /// <summary>
    /// Indexes every record under its sessions, then marks the index built (readers use it from then on). Writes
    /// keep it meanwhile, so a record written during the build is never missing from it. Returns the records indexed.
    /// </summary>
    public async Task<int> BuildSessionIndexAsync(CancellationToken ct = default)
    {
        var indexed = 0;
        var batch = redis.CreateBatch();
        var adds = new List<Task>();
        await foreach (var record in ReadAllAsync().WithCancellation(ct))
        {
            foreach (var session in SessionComponentIndex.NamesOf(record))
                adds.Add(batch.SortedSetAddAsync(SessionComponentIndex.Key(session), record.Id!, 0));
            indexed++;
            if (adds.Count < 1000) continue;
            await batch.ExecuteAsync();
            await Task.WhenAll(adds);
            (batch, adds) = (redis.CreateBatch(), []);
        }
        await batch.ExecuteAsync();
        await Task.WhenAll(adds);
        await redis.SetAsync(SessionComponentIndex.ReadyKey, "1");
        return indexed;
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

    // Deletes the record if it still holds the value read (else -1: read again), unindexes it (the id index and the
    // session indexes of the value read), deletes its history, appends its event and uncounts its state (ComponentStateCounts).
    private const string DeleteScript = """
        local current = redis.call('GET', KEYS[1])
        if not current then return 0 end
        if current ~= ARGV[1] then return -1 end
        redis.call('DEL', KEYS[1])
        redis.call('ZREM', KEYS[2], ARGV[2])
        redis.call('RPUSH', KEYS[3], ARGV[3])
        local state = redis.call('HGET', KEYS[4], ARGV[2])
        if state then
          redis.call('HINCRBY', KEYS[5], state, -1)
          redis.call('HDEL', KEYS[4], ARGV[2])
        end
        redis.call('DEL', KEYS[6])
        for i = 7, #KEYS do redis.call('ZREM', KEYS[i], ARGV[2]) end
        return 1
        """;

    public async Task<bool> DeleteAsync(string id)
    {
        while (true)
        {
            // Guarded by the value read, so the session indexes left are those of the record deleted; a write in
            // between makes it read again.
            var raw = await redis.GetAsync(Key(id));
            if (raw is null) return false;
            var keys = new List<string> { Key(id), IndexKey, Outbox.Outbox.ListKey, ComponentStateCounts.StateKey, ComponentStateCounts.CountsKey, ComponentHistoryStore.Key(id) };
            keys.AddRange(SessionComponentIndex.NamesOf(ParseOrNull(raw)).Select(SessionComponentIndex.Key));
            var deleted = (await redis.EvaluateAsync(DeleteScript, keys,
                [raw, id, Outbox.Outbox.Serialize(new ComponentDeleted { ComponentId = id, DeletedAt = clock.GetUtcNow() })])).AsInteger();
            if (deleted == -1) continue;
            if (deleted == 1) outbox.Signal();
            return deleted == 1;
        }
    }

    private async Task<List<Component>> UpdateChunk(string[] ids, Func<string, Component?, Component?> change, bool createMissing)
    {
        var started = clock.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            // The records as their stored bytes: parsed from them, and handed back unchanged as the compare of the write.
            var raw = await redis.GetManyUtf8Async(ids.Select(Key).ToList());
            var writes = new List<ComponentWrite>();
            var written = new List<Component>();
            var now = clock.GetUtcNow();
            for (var i = 0; i < ids.Length; i++)
            {
                var before = raw[i] is { } stored ? BosJson.Deserialize<Component>((ReadOnlySpan<byte>)stored) : null;
                if (before is null && !createMissing) continue;
                var after = change(ids[i], before);
                if (after is null) continue;
                after = after with { Id = ids[i] };
                var json = BosJson.SerializeToUtf8(after);
                written.Add(after);
                if (raw[i] is { } unchanged && json.AsSpan().SequenceEqual(unchanged)) continue;
                var fields = ComponentChanges.Between(before, after);
                var inputChanged = ComponentInputs.Changed(before, after);
                var changed = new ComponentChanged
                {
                    ComponentId = ids[i], ChangedFields = fields, Facts = ComponentInputSummary.Facts(after, inputChanged), ChangedAt = now, InputChanged = inputChanged,
                    PreviousPhase = before?.Status?.Phase ?? (before is null ? null : ""),
                    PreviousStatus = before is null ? null : ComponentStatusRule.Compute(before),
                };
                writes.Add(new ComponentWrite(ids[i], raw[i], json, ComponentChanges.Announced(changed) ? Outbox.Outbox.SerializeToUtf8(changed) : [],
                    ComponentStateCounts.State(after), SessionComponentIndex.Changes(before, after),
                    _history.Enabled ? ComponentHistory.Between(before, after, now).Select(ComponentHistoryJson.SerializeToUtf8).ToList() : []));
            }
            if (writes.Count == 0 || await ComponentCompareAndSet.RunAsync(redis, writes, _history))
            {
                if (writes.Any(w => w.Event.Length > 0)) outbox.Signal();
                return written;
            }
            if (clock.GetElapsedTime(started) > GiveUpAfter)
                throw new InvalidOperationException($"Components kept changing concurrently for {GiveUpAfter.TotalSeconds} s; giving up after {attempt} attempts");
            // Jittered exponential back-off: many writers of one record take turns instead of spinning.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 << Math.Min(attempt, 6))));
        }
    }

    private static Component? Parse(string? json) => json is null ? null : BosJson.Deserialize<Component>(json);

    // A record that is not a component (the migration deletes such records) is in no session index.
    private static Component? ParseOrNull(string json)
    {
        try
        {
            return Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
