using Bos.Core.Redis;

namespace Bos.Workers.Periodic;

/// <summary>
/// Keeps exactly one chain of scheduled ticks alive per periodic task, across worker processes and restarts.
/// Redis key "periodic:{task}" holds the token of the one tick allowed to run next, with an expiry: a tick claims
/// itself by swapping its token for its successor's (a duplicate or redelivered tick loses the swap and is dropped),
/// and if a chain dies (its worker crashed) the key expires and a watchdog starts a new one.
/// </summary>
public sealed class PeriodicChains(IRedisStore redis)
{
    public static string Key(string task) => "periodic:" + task;

    /// <summary>Starts a chain when the task has none alive: the first tick's token, else null.</summary>
    public async Task<Guid?> TryStartAsync(string task, TimeSpan hold)
    {
        var token = Guid.NewGuid();
        return await redis.SetIfNotExistsAsync(Key(task), Text(token), hold) ? token : null;
    }

    /// <summary>
    /// Claims a tick: if <paramref name="token"/> is the task's current token it is replaced by a new one (the next
    /// tick's), held for <paramref name="hold"/>. Null when the tick is stale.
    /// </summary>
    public async Task<Guid?> ClaimAsync(string task, Guid token, TimeSpan hold)
    {
        var next = Guid.NewGuid();
        return await SwapAsync(task, token, next, hold) ? next : null;
    }

    /// <summary>Keeps the chain whose next tick is <paramref name="next"/> alive for <paramref name="hold"/>; false when another chain took over.</summary>
    public Task<bool> HoldAsync(string task, Guid next, TimeSpan hold) => SwapAsync(task, next, next, hold);

    private async Task<bool> SwapAsync(string task, Guid expected, Guid replacement, TimeSpan hold)
    {
        var tx = redis.CreateTransaction();
        tx.AddCondition(RedisCondition.KeyEquals(Key(task), Text(expected)));
        _ = tx.SetAsync(Key(task), Text(replacement), hold);
        return await tx.ExecuteAsync();
    }

    private static string Text(Guid token) => token.ToString("N");
}
