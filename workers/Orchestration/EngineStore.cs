using System.Globalization;
using Bos.Core.Redis;

namespace Bos.Workers.Orchestration;

/// <summary>One component's step to store: its state before (as read) and after (null: forgotten), and what it asks for.</summary>
public sealed record EngineWrite(string ComponentId, string? Before, EngineState? After, ActionKind? Request, string RequestValue);

/// <summary>
/// The engine's state in Redis: one hash of all components' <see cref="EngineState"/> ("orchestration:engine"), one
/// sorted set of their due times ("orchestration:due", Unix ms), and the pending actions (<see cref="PendingActions"/>).
/// A batch is read with one HMGET and stored with one script that, per component, applies the step only if the state
/// is still the one read (optimistic concurrency between replicas), moving the due time and adding the pending action
/// in the same atomic write; it returns the components that changed meanwhile, which the engine steps again.
/// </summary>
public sealed class EngineStore(IRedisStore redis)
{
    public const string StateKey = "orchestration:engine";
    public const string DueKey = "orchestration:due";
    private const int Chunk = 1000;

    private const string ReadScript = "return redis.call('HMGET', KEYS[1], unpack(ARGV))";

    private const string WriteScript = """
        local conflicts = {}
        for i = 0, tonumber(ARGV[1]) - 1 do
          local at = 2 + i * 6
          local id, before, after, due, kind, value = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], tonumber(ARGV[at + 4]), ARGV[at + 5]
          local current = redis.call('HGET', KEYS[1], id)
          if (current or '') ~= before then
            conflicts[#conflicts + 1] = id
          else
            if after == '' then redis.call('HDEL', KEYS[1], id) else redis.call('HSET', KEYS[1], id, after) end
            if due == '' then redis.call('ZREM', KEYS[2], id) else redis.call('ZADD', KEYS[2], due, id) end
            if kind > 0 then redis.call('HSET', KEYS[2 + kind], id, value) end
          end
        end
        return conflicts
        """;

    /// <summary>The raw state of each component (null where the engine knows nothing), in the order of <paramref name="ids"/>.</summary>
    public async Task<IReadOnlyList<string?>> ReadAsync(IReadOnlyList<string> ids)
    {
        var result = new List<string?>(ids.Count);
        foreach (var chunk in ids.Chunk(Chunk))
            result.AddRange((await redis.EvaluateAsync(ReadScript, [StateKey], chunk)).AsStrings());
        return result;
    }

    /// <summary>Stores the steps; returns the ids whose state changed since it was read (not written).</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<EngineWrite> writes)
    {
        var keys = new List<string> { StateKey, DueKey };
        keys.AddRange(Enum.GetValues<ActionKind>().Select(PendingActions.PendingKey));
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
