using Bos.Core.Redis;

namespace Bos.Workers.Orchestration;

/// <summary>The batched calls the engine asks for.</summary>
public enum ActionKind
{
    /// <summary>Read PCS power status and the CFS components (OP-30's inputs).</summary>
    Observe,

    /// <summary>OP-15/OP-20: IMS, BSS, CFS, then PCS On.</summary>
    PowerOn,

    /// <summary>OP-13: PCS Soft-Off.</summary>
    GracefulOff,

    /// <summary>OP-14: PCS Force-Off.</summary>
    ForcefulOff,

    /// <summary>OP-16: CFS desired_config.</summary>
    Configure,
}

/// <summary>
/// ComponentEngine (or a watch) → the action consumers: components wait in <see cref="PendingActions"/> for
/// <see cref="Kind"/>. One message per engine step and kind, not per component: whoever drains takes what is waiting.
/// </summary>
public sealed record ActionPending(ActionKind Kind);

/// <summary>
/// The work waiting for each batched call, shared by all replicas: a Redis hash per kind
/// ("orchestration:pending:{kind}", component id → the reason or power hint) and the order it was asked for in
/// ("orchestration:pending-order:{kind}", a sorted set by Redis time, a component keeping its place when asked again).
/// Batches are formed from it, not from the messages a replica happens to receive, so a phase costs ceil(N / batch
/// size) calls whatever the number of replicas; first asked, first taken, so a large session's first observations all
/// go before the later ones of nodes already on their way (their hardware waits then overlap with the rest of the work).
/// A drainer moves the ids it takes to "orchestration:inflight:{kind}" and removes them once handled; taken but not
/// handled (the worker died, Redis failed) they go back to pending, first in line, when the next drainer takes the lease.
/// </summary>
public sealed class PendingActions(IRedisStore redis)
{
    public static string PendingKey(ActionKind kind) => "orchestration:pending:" + Name(kind);

    public static string InflightKey(ActionKind kind) => "orchestration:inflight:" + Name(kind);

    public static string OrderKey(ActionKind kind) => "orchestration:pending-order:" + Name(kind);

    public static string Name(ActionKind kind) => kind switch
    {
        ActionKind.Observe => "observe",
        ActionKind.PowerOn => "power-on",
        ActionKind.GracefulOff => "graceful-off",
        ActionKind.ForcefulOff => "forceful-off",
        _ => "configure",
    };

    /// <summary>
    /// The Lua that puts the values (id, value, id, value, …) of <c>values</c> in line: the pending hash <c>pending</c>
    /// and, for ids not already in line, the order set <c>order</c> at Redis's time (shared by <see cref="EngineStore"/>).
    /// </summary>
    public const string EnqueueFunction = """
        local function enqueue(pending, order, values)
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          for a = 1, #values, 4000 do
            local b = math.min(a + 3999, #values)
            redis.call('HSET', pending, unpack(values, a, b))
            local members = {}
            for i = a, b, 2 do members[#members + 1] = now; members[#members + 1] = values[i] end
            redis.call('ZADD', order, 'NX', unpack(members))
          end
        end
        """;

    // The first in line (ZPOPMIN) that are still pending; then, while the line is empty and the hash is not, any others
    // (put in by a build before the order set, or still pending from one). One HSET and one HDEL per 2,000 fields (Lua's
    // stack holds ~8,000 values). An id in line but no longer pending (taken some other way) is dropped from the line.
    private const string TakeScript = """
        local count = tonumber(ARGV[1])
        local line = redis.call('ZPOPMIN', KEYS[3], count)
        local taken = {}
        for a = 1, #line, 4000 do
          local ids = {}
          for i = a, math.min(a + 3999, #line), 2 do ids[#ids + 1] = line[i] end
          local values = redis.call('HMGET', KEYS[1], unpack(ids))
          for i = 1, #ids do
            if values[i] then taken[#taken + 1] = ids[i]; taken[#taken + 1] = values[i] end
          end
        end
        local function move(entries)
          for a = 1, #entries, 4000 do
            local b = math.min(a + 3999, #entries)
            redis.call('HSET', KEYS[2], unpack(entries, a, b))
            local fields = {}
            for i = a, b, 2 do fields[#fields + 1] = entries[i] end
            redis.call('HDEL', KEYS[1], unpack(fields))
          end
        end
        move(taken)
        if #line < 2 * count and #taken < 2 * count then
          local rest = redis.call('HRANDFIELD', KEYS[1], count - #taken / 2, 'WITHVALUES')
          move(rest)
          for i = 1, #rest do taken[#taken + 1] = rest[i] end
        end
        return taken
        """;

    // A newer request for the same component (already back in pending) wins over the one given back; given back, they
    // are first in line (score 0).
    private const string GiveBackScript = """
        local held = redis.call('HGETALL', KEYS[2])
        for i = 1, #held, 2 do
          redis.call('HSETNX', KEYS[1], held[i], held[i + 1])
          redis.call('ZADD', KEYS[3], 0, held[i])
        end
        redis.call('DEL', KEYS[2])
        return #held / 2
        """;

    // The caller sends at most 1,000 entries (2,000 values, within Lua's stack) per call.
    private const string AddScript = EnqueueFunction + "\n" + """
        enqueue(KEYS[1], KEYS[2], ARGV)
        return 1
        """;

    /// <summary>Adds (or refreshes) components waiting for <paramref name="kind"/>.</summary>
    public async Task AddAsync(ActionKind kind, IReadOnlyDictionary<string, string> entries)
    {
        foreach (var chunk in entries.Chunk(1000))
            await redis.EvaluateAsync(AddScript, [PendingKey(kind), OrderKey(kind)], chunk.SelectMany(e => new[] { e.Key, e.Value }).ToList());
    }

    /// <summary>Takes up to <paramref name="count"/> waiting components (id → value), first asked first, into this drainer's hands.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TakeAsync(ActionKind kind, int count)
    {
        var taken = (await redis.EvaluateAsync(TakeScript, [PendingKey(kind), InflightKey(kind), OrderKey(kind)], [count.ToString(System.Globalization.CultureInfo.InvariantCulture)])).AsStrings();
        var result = new Dictionary<string, string>(taken.Count / 2);
        for (var i = 0; i + 1 < taken.Count; i += 2) result[taken[i]!] = taken[i + 1] ?? "";
        return result;
    }

    // One HDEL per 4,000 fields: a pipelined HDEL per field cost Redis and the client a command each, ~8 a node a reboot.
    private const string DoneScript = """
        for a = 1, #ARGV, 4000 do redis.call('HDEL', KEYS[1], unpack(ARGV, a, math.min(a + 3999, #ARGV))) end
        return 1
        """;

    /// <summary>The taken components were handled.</summary>
    public async Task DoneAsync(ActionKind kind, IEnumerable<string> ids)
    {
        var fields = ids.ToList();
        if (fields.Count > 0) await redis.EvaluateAsync(DoneScript, [InflightKey(kind)], fields);
    }

    /// <summary>Everything taken and not handled goes back to pending. Returns how many.</summary>
    public async Task<long> GiveBackAsync(ActionKind kind) =>
        (await redis.EvaluateAsync(GiveBackScript, [PendingKey(kind), InflightKey(kind), OrderKey(kind)], [])).AsInteger();

    public async Task<long> CountAsync(ActionKind kind) =>
        (await redis.EvaluateAsync("return redis.call('HLEN', KEYS[1])", [PendingKey(kind)], [])).AsInteger();

    /// <summary>Whether anything waits or was taken and not finished.</summary>
    public async Task<bool> AnyAsync(ActionKind kind) =>
        (await redis.EvaluateAsync("return redis.call('HLEN', KEYS[1]) + redis.call('HLEN', KEYS[2])", [PendingKey(kind), InflightKey(kind)], [])).AsInteger() > 0;
}
