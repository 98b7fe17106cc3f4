using Bos.Core.Redis;

namespace Bos.Core.Components;

/// <summary>
/// One record's write in a batch (<see cref="ComponentCompareAndSet"/>): its value as read (null: absent) and to store, its
/// change event (outbox entry; empty: none, <see cref="ComponentChanges.Announced"/>), counted state, session index moves
/// and history entries. The values, the event and the history entries are UTF-8 bytes, passed to Redis as they are.
/// </summary>
internal sealed record ComponentWrite(string Id, byte[]? Old, byte[] New, byte[] Event, string State,
    IReadOnlyList<(bool Add, string Session)> SessionChanges, IReadOnlyList<byte[]> History);

/// <summary>
/// Stores a batch of component writes (<see cref="ComponentRepository"/>) in one script, one atomic round trip where a
/// WATCH/MULTI transaction takes two: every record only if each still holds the value it was read with (absent: ""),
/// else nothing at all; new ids indexed; the change events (those not empty) appended to the outbox in the batch's order; the state
/// counts moved (<see cref="ComponentStateCounts"/>); the records moved between session indexes
/// (<see cref="SessionComponentIndex"/>); the history entries prepended, trimmed to the retention (a count, and an
/// expiry for age; <see cref="ComponentHistory"/>).
/// </summary>
internal static class ComponentCompareAndSet
{
    // Per-batch calls measured 11–22 % cheaper per record than per-record ones (BENCHMARKS.md), so the calls are per batch (one MSET, RPUSH, HMGET, HSET,
    // ZADD of new ids, one HINCRBY per state moved, one ZADD and ZREM per session index) except where the key is per
    // record (the history: LPUSH, PEXPIRE, and LTRIM only once the list outgrows the retention) and for the compare: a
    // GET per record measured cheaper than one MGET of the batch's records (BENCHMARKS.md) and stops at the first stale
    // one. Every unpack is chunked: Lua's stack holds ~8,000 values.
    // The ids of a batch are distinct (UpdateManyAsync); a record's counted state is still looked up after its own
    // update, as when each record was written in turn.
    private const string CompareAndSetScript = """
        local n = tonumber(ARGV[1])
        local function call(command, key, values, from, to)
          for a = from, to, 4000 do redis.call(command, key, unpack(values, a, math.min(a + 3999, to))) end
        end
        for i = 1, n do
          local current = redis.call('GET', KEYS[i])
          local expected = ARGV[1 + i]
          if expected == '' then
            if current then return 0 end
          elseif current ~= expected then
            return 0
          end
        end
        local sets, new = {}, {}
        for i = 1, n do
          sets[2 * i - 1], sets[2 * i] = KEYS[i], ARGV[1 + n + i]
          if ARGV[1 + i] == '' then new[#new + 1] = 0; new[#new + 1] = ARGV[1 + 2 * n + i] end
        end
        for a = 1, 2 * n, 4000 do redis.call('MSET', unpack(sets, a, math.min(a + 3999, 2 * n))) end
        call('ZADD', KEYS[n + 1], new, 1, #new)
        local events = {}
        for i = 2 + 3 * n, 1 + 4 * n do
          if ARGV[i] ~= '' then events[#events + 1] = ARGV[i] end
        end
        call('RPUSH', KEYS[n + 2], events, 1, #events)
        local counted = {}
        for a = 1, n, 4000 do
          local b = math.min(a + 3999, n)
          local got = redis.call('HMGET', KEYS[n + 3], unpack(ARGV, 1 + 2 * n + a, 1 + 2 * n + b))
          for i = a, b do
            local id = ARGV[1 + 2 * n + i]
            if counted[id] == nil then counted[id] = got[i - a + 1] end
          end
        end
        local states, deltas, moved = {}, {}, {}
        local function move(state, by)
          if not deltas[state] then deltas[state] = 0; moved[#moved + 1] = state end
          deltas[state] = deltas[state] + by
        end
        for i = 1, n do
          local id, state = ARGV[1 + 2 * n + i], ARGV[1 + 4 * n + i]
          local was = counted[id]
          if was ~= state then
            if was then move(was, -1) end
            move(state, 1)
            counted[id] = state
            states[#states + 1] = id; states[#states + 1] = state
          end
        end
        call('HSET', KEYS[n + 3], states, 1, #states)
        for _, state in ipairs(moved) do redis.call('HINCRBY', KEYS[n + 4], state, deltas[state]) end
        local a = 3 + 5 * n
        local g = tonumber(ARGV[a - 1])
        for j = 1, g do
          local key, adds, removes = KEYS[n + 4 + j], tonumber(ARGV[a]), tonumber(ARGV[a + 1])
          a = a + 2
          local members = {}
          for i = 0, adds - 1 do members[2 * i + 1] = 0; members[2 * i + 2] = ARGV[a + i] end
          call('ZADD', key, members, 1, #members)
          call('ZREM', key, ARGV, a + adds, a + adds + removes - 1)
          a = a + adds + removes
        end
        local keep, age = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
        a = a + 2
        for i = 1, n do
          local k = tonumber(ARGV[a])
          a = a + 1
          if k > 0 then
            local key, length = KEYS[n + 4 + g + i], 0
            for b = a, a + k - 1, 4000 do length = redis.call('LPUSH', key, unpack(ARGV, b, math.min(b + 3999, a + k - 1))) end
            a = a + k
            if length > keep then redis.call('LTRIM', key, 0, keep - 1) end
            redis.call('PEXPIRE', key, age)
          end
        end
        return 1
        """;

    public static async Task<bool> RunAsync(IRedisStore redis, IReadOnlyList<ComponentWrite> writes, ComponentHistoryOptions history)
    {
        // Index moves grouped per session key: a record is added to or removed from a session's index, never both.
        var moves = writes.SelectMany(w => w.SessionChanges.Select(c => (w.Id, c.Add, c.Session)))
            .GroupBy(m => m.Session, StringComparer.Ordinal).ToList();
        var keys = writes.Select(w => ComponentRepository.Key(w.Id)).Append(ComponentRepository.IndexKey).Append(Outbox.Outbox.ListKey)
            .Append(ComponentStateCounts.StateKey).Append(ComponentStateCounts.CountsKey)
            .Concat(moves.Select(m => SessionComponentIndex.Key(m.Key))).Concat(writes.Select(w => ComponentHistoryStore.Key(w.Id))).ToList();
        // Sized exactly: a batch of 1,000 records is ~8,000 arguments, and each regrowth was a large-object array.
        var args = new List<ScriptArgument>(4 + 6 * writes.Count + moves.Sum(m => 2 + m.Count()) + writes.Sum(w => w.History.Count)) { Count(writes.Count) };
        args.AddRange(writes.Select(w => (ScriptArgument)(w.Old ?? [])));
        args.AddRange(writes.Select(w => (ScriptArgument)w.New));
        args.AddRange(writes.Select(w => (ScriptArgument)w.Id));
        args.AddRange(writes.Select(w => (ScriptArgument)w.Event));
        args.AddRange(writes.Select(w => (ScriptArgument)w.State));
        args.Add(Count(moves.Count));
        foreach (var session in moves)
        {
            args.Add(Count(session.Count(m => m.Add)));
            args.Add(Count(session.Count(m => !m.Add)));
            args.AddRange(session.Where(m => m.Add).Select(m => (ScriptArgument)m.Id));
            args.AddRange(session.Where(m => !m.Add).Select(m => (ScriptArgument)m.Id));
        }
        args.Add(Count(Math.Max(1, history.MaxEntries)));
        args.Add(((long)Math.Max(1, history.MaxAge.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var write in writes)
        {
            args.Add(Count(write.History.Count));
            args.AddRange(write.History.Select(h => (ScriptArgument)h));
        }
        return (await redis.EvaluateWithBytesAsync(CompareAndSetScript, keys, args)).AsInteger() == 1;
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
