using System.Globalization;
using Bos.Core.Redis;

namespace Bos.Workers.Orchestration;

/// <summary>One component's step to store: its state before (as read) and after (null: forgotten), and what it asks for.</summary>
public sealed record EngineWrite(string ComponentId, string? Before, EngineState? After, ActionKind? Request, string RequestValue);

/// <summary>
/// The engine's state in Redis: one hash of all components' <see cref="EngineState"/> ("orchestration:engine"), one
/// sorted set of their due times ("orchestration:due", Unix ms), and the pending actions (<see cref="PendingActions"/>).
/// A batch is read with HMGET (pipelined chunks) and stored with one script that, per component, applies the step only if the state
/// is still the one read (optimistic concurrency between replicas), moving the due time and adding the pending action
/// in the same atomic write; it returns the components that changed meanwhile, which the engine steps again.
/// </summary>
public sealed class EngineStore(IRedisStore redis)
{
    public const string StateKey = "orchestration:engine";
    public const string DueKey = "orchestration:due";
    private const int Chunk = 1000;

    // One HMGET for the compare, then one call per key (HSET, HDEL, ZADD, ZREM, and per kind asked for a pending HSET and a ZADD of its order): 14–50 % cheaper
    // per record than per-record calls (BENCHMARKS.md). A component named twice is compared the second time against its first write, as
    // step by step; the calls then carry its last write. Every unpack is chunked (Lua's stack holds ~8,000 values).
    private const string WriteScript = PendingActions.EnqueueFunction + "\n" + """
        local n = tonumber(ARGV[1])
        local function call(command, key, values)
          for a = 1, #values, 4000 do redis.call(command, key, unpack(values, a, math.min(a + 3999, #values))) end
        end
        local current = {}
        for a = 0, n - 1, 4000 do
          local b = math.min(a + 3999, n - 1)
          local ids = {}
          for i = a, b do ids[#ids + 1] = ARGV[2 + i * 6] end
          local got = redis.call('HMGET', KEYS[1], unpack(ids))
          for i = 1, #ids do
            if current[ids[i]] == nil then current[ids[i]] = got[i] or '' end
          end
        end
        local conflicts, order, last, pending = {}, {}, {}, {}
        for i = 0, n - 1 do
          local at = 2 + i * 6
          local id, before, after, kind = ARGV[at], ARGV[at + 1], ARGV[at + 2], tonumber(ARGV[at + 4])
          if current[id] ~= before then
            conflicts[#conflicts + 1] = id
          else
            current[id] = after
            if not last[id] then order[#order + 1] = id end
            last[id] = at
            if kind > 0 then
              pending[kind] = pending[kind] or {}
              local p = pending[kind]
              p[#p + 1] = id; p[#p + 1] = ARGV[at + 5]
            end
          end
        end
        local sets, deletes, dues, undue = {}, {}, {}, {}
        for _, id in ipairs(order) do
          local after, due = ARGV[last[id] + 2], ARGV[last[id] + 3]
          if after == '' then deletes[#deletes + 1] = id else sets[#sets + 1] = id; sets[#sets + 1] = after end
          if due == '' then undue[#undue + 1] = id else dues[#dues + 1] = due; dues[#dues + 1] = id end
        end
        call('HSET', KEYS[1], sets)
        call('HDEL', KEYS[1], deletes)
        call('ZADD', KEYS[2], dues)
        call('ZREM', KEYS[2], undue)
        local kinds = (#KEYS - 2) / 2
        for kind = 1, kinds do
          if pending[kind] then enqueue(KEYS[2 + kind], KEYS[2 + kinds + kind], pending[kind]) end
        end
        return conflicts
        """;

    /// <summary>The raw state of each component (null where the engine knows nothing), in the order of <paramref name="ids"/>.</summary>
    public Task<IReadOnlyList<string?>> ReadAsync(IReadOnlyList<string> ids) => redis.HashGetManyAsync(StateKey, ids);

    /// <summary>Stores the steps; returns the ids whose state changed since it was read (not written).</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<EngineWrite> writes)
    {
        var keys = new List<string> { StateKey, DueKey };
        keys.AddRange(Enum.GetValues<ActionKind>().Select(PendingActions.PendingKey));
        keys.AddRange(Enum.GetValues<ActionKind>().Select(PendingActions.OrderKey));
        var conflicts = new List<string>();
        foreach (var chunk in writes.Chunk(Chunk))
        {
            var args = new List<string>(1 + chunk.Length * 6) { chunk.Length.ToString(CultureInfo.InvariantCulture) };
            foreach (var w in chunk)
            {
                args.Add(w.ComponentId);
                args.Add(w.Before ?? "");
                args.Add(w.After?.Serialize() ?? "");
                args.Add(w.After is { DueAtMs: > 0 } s ? s.DueAtMs.ToString(CultureInfo.InvariantCulture) : "");
                args.Add(w.Request is { } kind ? (1 + (int)kind).ToString(CultureInfo.InvariantCulture) : "0");
                args.Add(w.RequestValue);
            }
            conflicts.AddRange((await redis.EvaluateAsync(WriteScript, keys, args)).AsStrings().OfType<string>());
        }
        return conflicts;
    }

    /// <summary>Up to <paramref name="take"/> components whose due time has come, earliest first.</summary>
    public Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int take) =>
        redis.SortedSetRangeByScoreAsync(DueKey, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take);

    /// <summary>The earliest due time, or null when no component waits for one.</summary>
    public async Task<DateTimeOffset?> NextDueAsync()
    {
        var first = (await redis.EvaluateAsync("return redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')", [DueKey], [])).AsStrings();
        return first.Count == 2 && double.TryParse(first[1], CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms)
            : null;
    }
}
