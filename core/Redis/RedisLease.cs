using System.Diagnostics;

namespace Bos.Core.Redis;

/// <summary>
/// A short exclusive claim on a key (SET NX PX with a random token), released on dispose only while it is still
/// ours. It expires by itself if its holder dies, so work it guards is picked up again later.
/// </summary>
public sealed class RedisLease : IAsyncDisposable
{
    private readonly IRedisStore _redis;
    private readonly string _token;

    private RedisLease(IRedisStore redis, string key, string token)
    {
        _redis = redis;
        Key = key;
        _token = token;
    }

    public string Key { get; }

    /// <summary>The lease, or null when someone else holds the key.</summary>
    public static async Task<RedisLease?> TryAcquireAsync(IRedisStore redis, string key, TimeSpan duration)
    {
        var token = Guid.NewGuid().ToString("N");
        return await redis.SetIfNotExistsAsync(key, token, duration) ? new RedisLease(redis, key, token) : null;
    }

    private const string ExtendScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    /// <summary>Sets the expiry of a claim <paramref name="owner"/> took (SET NX PX) to <paramref name="duration"/> from now, if it is still theirs.</summary>
    public static async Task<bool> ExtendAsync(IRedisStore redis, string key, string owner, TimeSpan duration) =>
        (await redis.EvaluateAsync(ExtendScript, [key], [owner, ((long)duration.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)])).AsInteger() == 1;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    /// <summary>Gives up a claim <paramref name="owner"/> took (SET NX PX), if it is still theirs.</summary>
    public static Task ReleaseAsync(IRedisStore redis, string key, string owner) => redis.EvaluateAsync(ReleaseScript, [key], [owner]);

    /// <summary>
    /// Renews a claim <paramref name="owner"/> holds to <paramref name="duration"/> every third of it until
    /// <paramref name="ct"/> is cancelled, so the claim lasts as long as its work however long that takes, and lapses
    /// within <paramref name="duration"/> of a holder that died. A failed renewal is passed to <paramref name="failed"/>
    /// and the next is tried. Once the claim is no longer the owner's (another took it after it lapsed, or no renewal
    /// got through for <paramref name="duration"/>), <paramref name="lost"/> is called and renewal stops: work that must
    /// not run twice at once stops there.
    /// </summary>
    public static async Task RenewUntilCancelledAsync(IRedisStore redis, string key, string owner, TimeSpan duration, Action<Exception> failed,
        CancellationToken ct, Action? lost = null)
    {
        var held = Stopwatch.GetTimestamp(); // when the claim was last known to be the owner's, for duration on
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, ct);
                var renewed = Stopwatch.GetTimestamp();
                try
                {
                    if (await ExtendAsync(redis, key, owner, duration))
                    {
                        held = renewed;
                        continue;
                    }
                }
                catch (Exception e)
                {
                    // One that failed while the work ended is no news: the work no longer needs the claim.
                    if (ct.IsCancellationRequested) return;
                    failed(e);
                    if (Stopwatch.GetElapsedTime(held) < duration) continue;
                }
                if (ct.IsCancellationRequested) return;
                lost?.Invoke();
                return;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The work is done.
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync(_redis, Key, _token);
}
