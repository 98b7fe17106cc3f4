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

    public async ValueTask DisposeAsync()
    {
        var tx = _redis.CreateTransaction();
        tx.AddCondition(RedisCondition.KeyEquals(Key, _token));
        _ = tx.DeleteAsync(Key);
        await tx.ExecuteAsync();
    }
}
