namespace Bos.Core.Scheduling;

/// <summary>
/// Lua run atomically by Redis. "Now" is Redis's own clock (TIME), so leases hold between dispatchers whose
/// clocks differ. Scores are Unix milliseconds.
/// </summary>
internal static class ScheduledMessageScripts
{
    /// <summary>
    /// Claims up to ARGV[2] due entries by moving their score to now + lease (ARGV[1] ms): until then no other
    /// dispatcher sees them; if the claimer dies they fall due again. KEYS[1] is the due-time set, KEYS[2] the
    /// (prefixed) entry key prefix: entry keys are derived from member ids, so they cannot be passed as KEYS.
    /// Returns { claimedUntil, id1, fields1, id2, fields2, ... }.
    /// </summary>
    public const string Claim = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local claimedUntil = now + tonumber(ARGV[1])
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
        local result = { claimedUntil }
        for _, id in ipairs(ids) do
          local fields = redis.call('HGETALL', KEYS[2] .. id)
          if #fields == 0 then
            redis.call('ZREM', KEYS[1], id)
          else
            redis.call('ZADD', KEYS[1], claimedUntil, id)
            table.insert(result, id)
            table.insert(result, fields)
          end
        end
        return result
        """;

    /// <summary>
    /// Deletes a delivered entry, only if it still carries our claim (ARGV[2]): when the lease ran out and another
    /// dispatcher re-claimed it, or it was re-scheduled under the same token meanwhile, it is not ours to delete.
    /// KEYS[1] due-time set, KEYS[2] entry hash, ARGV[1] member id.
    /// </summary>
    public const string Complete = """
        local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if score and tonumber(score) == tonumber(ARGV[2]) then
          redis.call('ZREM', KEYS[1], ARGV[1])
          redis.call('DEL', KEYS[2])
          return 1
        end
        return 0
        """;

    /// <summary>
    /// Gives a claimed entry back, due again in ARGV[3] ms, if it still carries our claim (ARGV[2]).
    /// KEYS[1] due-time set, ARGV[1] member id.
    /// </summary>
    public const string Release = """
        local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if score and tonumber(score) == tonumber(ARGV[2]) then
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
          return 1
        end
        return 0
        """;
}
