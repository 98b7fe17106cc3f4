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
/// ("orchestration:pending:{kind}", component id → the reason or power hint). Batches are formed from it, not from the
/// messages a replica happens to receive, so a phase costs ceil(N / batch size) calls whatever the number of replicas.
/// A drainer moves the ids it takes to "orchestration:inflight:{kind}" and removes them once handled; taken but not
/// handled (the worker died, Redis failed) they go back to pending when the next drainer takes the lease.
/// </summary>
public sealed class PendingActions(IRedisStore redis)
{
    public static string PendingKey(ActionKind kind) => "orchestration:pending:" + Name(kind);

    public static string InflightKey(ActionKind kind) => "orchestration:inflight:" + Name(kind);

    public static string Name(ActionKind kind) => kind switch
    {
        ActionKind.Observe => "observe",
        ActionKind.PowerOn => "power-on",
        ActionKind.GracefulOff => "graceful-off",
        ActionKind.ForcefulOff => "forceful-off",
        _ => "configure",
    };

    // HRANDFIELD with a positive count returns distinct fields, in no particular order. One HSET and one HDEL per 2,000
    // fields (Lua's stack holds ~8,000 values).
    private const string TakeScript = """
        local taken = redis.call('HRANDFIELD', KEYS[1], tonumber(ARGV[1]), 'WITHVALUES')
        for a = 1, #taken, 4000 do
          local b = math.min(a + 3999, #taken)
          redis.call('HSET', KEYS[2], unpack(taken, a, b))
          local fields = {}
          for i = a, b, 2 do fields[#fields + 1] = taken[i] end
          redis.call('HDEL', KEYS[1], unpack(fields))
        end
        return taken
        """;

    // A newer request for the same component (already back in pending) wins over the one given back.
    private const string GiveBackScript = """
        local held = redis.call('HGETALL', KEYS[2])
        for i = 1, #held, 2 do redis.call('HSETNX', KEYS[1], held[i], held[i + 1]) end
        redis.call('DEL', KEYS[2])
        return #held / 2
        """;

    // The caller sends at most 1,000 entries (2,000 values, within Lua's stack) per call.
    private const string AddScript = """
        redis.call('HSET', KEYS[1], unpack(ARGV))
        return 1
        """;

    /// <summary>Adds (or refreshes) components waiting for <paramref name="kind"/>.</summary>
    public async Task AddAsync(ActionKind kind, IReadOnlyDictionary<string, string> entries)
    {
        foreach (var chunk in entries.Chunk(1000))
            await redis.EvaluateAsync(AddScript, [PendingKey(kind)], chunk.SelectMany(e => new[] { e.Key, e.Value }).ToList());
    }

    /// <summary>Takes up to <paramref name="count"/> waiting components (id → value) into this drainer's hands.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TakeAsync(ActionKind kind, int count)
    {
        var taken = (await redis.EvaluateAsync(TakeScript, [PendingKey(kind), InflightKey(kind)], [count.ToString(System.Globalization.CultureInfo.InvariantCulture)])).AsStrings();
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
        (await redis.EvaluateAsync(GiveBackScript, [PendingKey(kind), InflightKey(kind)], [])).AsInteger();

    public async Task<long> CountAsync(ActionKind kind) =>
        (await redis.EvaluateAsync("return redis.call('HLEN', KEYS[1])", [PendingKey(kind)], [])).AsInteger();

    /// <summary>Whether anything waits or was taken and not finished.</summary>
    public async Task<bool> AnyAsync(ActionKind kind) =>
        (await redis.EvaluateAsync("return redis.call('HLEN', KEYS[1]) + redis.call('HLEN', KEYS[2])", [PendingKey(kind), InflightKey(kind)], [])).AsInteger() > 0;
}
