namespace Bos.Core.Redis;

/// <summary>
/// The one door to Redis. Everything Bos stores goes through this interface, so that replacing the client library
/// (StackExchange.Redis, in <see cref="StackExchangeRedisStore"/>) is a change to one class.
/// Keys are given without the configured prefix; the store adds it.
/// </summary>
public interface IRedisStore : IRedisCommands
{
    /// <summary>Prefix added to every key (isolates deployments and test classes sharing one server).</summary>
    string KeyPrefix { get; }

    bool IsConnected { get; }

    Task<string?> GetAsync(string key);

    /// <summary>
    /// A JSON document (BOS conventions, <see cref="Json.BosJson"/>) read straight from the value's UTF-8 bytes, null when
    /// the key is absent. No string in between (a record decoded to UTF-16 and transcoded back by the parser): two
    /// allocations fewer per GET by id, where garbage collection is a quarter of the API's busy time (BENCHMARKS.md, issue #13).
    /// </summary>
    Task<T?> GetJsonAsync<T>(string key) where T : class;

    /// <summary><see cref="GetJsonAsync{T}(string)"/> with other serializer options (e.g. a contract that skips large fields).</summary>
    Task<T?> GetJsonAsync<T>(string key, System.Text.Json.JsonSerializerOptions options) where T : class;

    /// <summary>Reads many keys in pipelined MGET chunks: one round trip per chunk, not per key.</summary>
    Task<IReadOnlyList<string?>> GetManyAsync(IReadOnlyList<string> keys);

    /// <summary>
    /// <see cref="GetManyAsync"/> parsed as JSON documents straight from the values' UTF-8 bytes (null where absent): the
    /// engine's batch reads of 2,500 records decoded each to a string first, a sixth of a worker's allocations.
    /// </summary>
    Task<IReadOnlyList<T?>> GetManyJsonAsync<T>(IReadOnlyList<string> keys) where T : class;

    /// <summary>
    /// <see cref="GetManyAsync"/> as the values' UTF-8 bytes (null where absent), for a writer that parses a record and
    /// hands the value it read back to a compare-and-set script (<see cref="ScriptArgument"/>) without a string in between.
    /// </summary>
    Task<IReadOnlyList<byte[]?>> GetManyUtf8Async(IReadOnlyList<string> keys);

    Task<bool> ExistsAsync(string key);

    Task<string?> HashGetAsync(string key, string field);

    /// <summary>
    /// Many fields of one hash (null where absent), in the order given: HMGET in pipelined chunks. A plain command, not a
    /// script wrapping it: Redis spent about twice as long on an HMGET of 1,000 fields inside a script (BENCHMARKS.md).
    /// </summary>
    Task<IReadOnlyList<string?>> HashGetManyAsync(string key, IReadOnlyList<string> fields);

    Task<IReadOnlyDictionary<string, string>> HashGetAllAsync(string key);

    Task<long> SortedSetLengthAsync(string key);

    /// <summary>Members with score in [min, max], lowest first.</summary>
    Task<IReadOnlyList<string>> SortedSetRangeByScoreAsync(string key, double min, double max, int take = -1);

    /// <summary>Members strictly greater than <paramref name="after"/> (null: from the start) in a set whose scores are all equal.</summary>
    Task<IReadOnlyList<string>> SortedSetRangeByLexAsync(string key, string? after, int take = -1);

    Task<IReadOnlyList<string>> ListRangeAsync(string key, long start, long stop);

    /// <summary><see cref="ListRangeAsync"/> as the entries' UTF-8 bytes (the outbox relay parses and hashes them as stored).</summary>
    Task<IReadOnlyList<byte[]>> ListRangeUtf8Async(string key, long start, long stop);

    Task<long> ListLengthAsync(string key);

    /// <summary>XADD with an id from the server's clock; the stream is trimmed to about <paramref name="maxLength"/> entries (MAXLEN ~).</summary>
    Task<string> StreamAddAsync(string key, string field, string value, long maxLength);

    /// <summary>XREVRANGE: the <paramref name="field"/> of up to <paramref name="count"/> entries with ids in [minId, maxId], newest first.</summary>
    Task<IReadOnlyList<(string Id, string? Value)>> StreamRangeDescendingAsync(string key, string field, string minId, string maxId, int count);

    /// <summary>Runs a Lua script atomically. Keys are prefixed; arguments are passed as given.</summary>
    Task<RedisScriptResult> EvaluateAsync(string script, IReadOnlyList<string> keys, IReadOnlyList<string> args);

    /// <summary><see cref="EvaluateAsync(string, IReadOnlyList{string}, IReadOnlyList{string})"/> with arguments that may be bytes.</summary>
    Task<RedisScriptResult> EvaluateWithBytesAsync(string script, IReadOnlyList<string> keys, IReadOnlyList<ScriptArgument> args);

    /// <summary>Iterates keys matching a pattern (prefix added) with SCAN; yields keys without the prefix.</summary>
    IAsyncEnumerable<string> ScanKeysAsync(string pattern, int pageSize = 1000);

    /// <summary>Queues commands and sends them in one pipelined write (not atomic).</summary>
    IRedisBatch CreateBatch();

    /// <summary>MULTI/EXEC guarded by conditions: either every command applies, or none (a condition failed).</summary>
    IRedisTransaction CreateTransaction();

    Task<TimeSpan> PingAsync();

    /// <summary>
    /// Tells every process subscribed to <paramref name="channel"/> (prefix added) that something happened: Redis
    /// pub/sub, fire-and-forget, not stored (a subscriber that is away misses it, so it only ever speeds up a poll).
    /// </summary>
    Task NotifyAsync(string channel);

    /// <summary>Calls <paramref name="onNotified"/> for each <see cref="NotifyAsync"/> on <paramref name="channel"/>, also after a reconnect.</summary>
    Task SubscribeAsync(string channel, Action onNotified);
}

/// <summary>Write commands usable directly, in a batch or in a transaction.</summary>
public interface IRedisCommands
{
    Task SetAsync(string key, string value, TimeSpan? expiry = null);
    Task<bool> SetIfNotExistsAsync(string key, string value, TimeSpan? expiry = null);
    Task<bool> DeleteAsync(string key);
    Task HashSetAsync(string key, string field, string value);
    Task<bool> HashDeleteAsync(string key, string field);
    Task<bool> SortedSetAddAsync(string key, string member, double score);
    Task<bool> SortedSetRemoveAsync(string key, string member);
    Task<long> ListRightPushAsync(string key, string value);
    Task ListTrimAsync(string key, long start, long stop);
}

public interface IRedisBatch : IRedisCommands
{
    /// <summary>Sends every queued command; the tasks returned when queuing complete as replies arrive.</summary>
    Task ExecuteAsync();
}

public interface IRedisTransaction : IRedisCommands
{
    void AddCondition(RedisCondition condition);

    /// <summary>True when every condition held and all commands were applied.</summary>
    Task<bool> ExecuteAsync();
}

/// <summary>A precondition of a transaction, checked by Redis at EXEC time.</summary>
public abstract record RedisCondition(string Key)
{
    public static RedisCondition KeyEquals(string key, string value) => new KeyEqualsCondition(key, value);
    public static RedisCondition KeyNotExists(string key) => new KeyNotExistsCondition(key);
    public static RedisCondition KeyExists(string key) => new KeyExistsCondition(key);
    public static RedisCondition HashEquals(string key, string field, string value) => new HashEqualsCondition(key, field, value);
    public static RedisCondition HashNotExists(string key, string field) => new HashNotExistsCondition(key, field);
}

public sealed record KeyEqualsCondition(string Key, string Value) : RedisCondition(Key);
public sealed record KeyNotExistsCondition(string Key) : RedisCondition(Key);
public sealed record KeyExistsCondition(string Key) : RedisCondition(Key);
public sealed record HashEqualsCondition(string Key, string Field, string Value) : RedisCondition(Key);
public sealed record HashNotExistsCondition(string Key, string Field) : RedisCondition(Key);
