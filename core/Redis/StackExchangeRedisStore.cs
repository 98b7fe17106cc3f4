using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Bos.Core.Redis;

/// <summary>
/// <see cref="IRedisStore"/> over StackExchange.Redis 3.x, every command asynchronous. The multiplexer reconnects by
/// itself after a Redis restart (abortConnect=false), so callers see failures only while Redis is really down.
/// </summary>
public sealed class StackExchangeRedisStore : IRedisStore, IDisposable
{
    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _db;
    private readonly int _readChunkSize;
    private readonly RedisCommands _commands;

    public StackExchangeRedisStore(IOptions<RedisOptions> options, ILogger<StackExchangeRedisStore> logger)
    {
        var settings = options.Value;
        var config = ConfigurationOptions.Parse(settings.Configuration);
        config.AbortOnConnectFail = false;
        // One attempt in the constructor, then the multiplexer reconnects in the background: int.MaxValue here made
        // Connect loop for ever with Redis down, before any log line, with SIGTERM unanswered (issue #11).
        config.ConnectRetry = 1;
        _connection = ConnectionMultiplexer.Connect(config);
        // A restarting Redis replays its AOF and refuses commands meanwhile: expected, so debug level.
        _connection.ConnectionFailed += (_, e) => logger.LogDebug("Redis connection failed ({FailureType}) to {Endpoint}", e.FailureType, e.EndPoint);
        _connection.ConnectionRestored += (_, e) => logger.LogInformation("Redis connection restored to {Endpoint}", e.EndPoint);
        KeyPrefix = settings.KeyPrefix;
        _db = _connection.GetDatabase().WithKeyPrefix(KeyPrefix);
        _readChunkSize = Math.Max(1, settings.ReadChunkSize);
        _commands = new RedisCommands(_db);
    }

    public string KeyPrefix { get; }

    public bool IsConnected => _connection.IsConnected;

    public Task NotifyAsync(string channel) =>
        _connection.GetSubscriber().PublishAsync(RedisChannel.Literal(KeyPrefix + channel), "", CommandFlags.FireAndForget);

    public Task SubscribeAsync(string channel, Action onNotified) =>
        _connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(KeyPrefix + channel), (_, _) => onNotified());

    public async Task<string?> GetAsync(string key) => await _db.StringGetAsync(key);

    public Task<T?> GetJsonAsync<T>(string key) where T : class => GetJsonAsync<T>(key, Json.BosJson.Options);

    public async Task<T?> GetJsonAsync<T>(string key, System.Text.Json.JsonSerializerOptions options) where T : class
    {
        // A pooled buffer, returned once parsed.
        using var lease = await _db.StringGetLeaseAsync(key);
        return lease is null ? null : Json.BosJson.Deserialize<T>(lease.Span, options);
    }

    public Task<IReadOnlyList<string?>> GetManyAsync(IReadOnlyList<string> keys) => Collect(ReadChunks(keys), keys.Count, v => (string?)v);

    public Task<IReadOnlyList<T?>> GetManyJsonAsync<T>(IReadOnlyList<string> keys) where T : class =>
        Collect(ReadChunks(keys), keys.Count, v => v.IsNull ? null : Json.BosJson.Deserialize<T>(((ReadOnlyMemory<byte>)v).Span));

    public Task<IReadOnlyList<byte[]?>> GetManyUtf8Async(IReadOnlyList<string> keys) => Collect(ReadChunks(keys), keys.Count, v => (byte[]?)v);

    // MGET in chunks, all sent before any reply is awaited: pipelined.
    private List<Task<RedisValue[]>> ReadChunks(IReadOnlyList<string> keys) =>
        InChunks(keys, chunk => _db.StringGetAsync(chunk.Select(k => (RedisKey)k).ToArray()));

    // One read per chunk of the configured size, every one sent before any reply is awaited.
    private List<Task<RedisValue[]>> InChunks(IReadOnlyList<string> items, Func<IEnumerable<string>, Task<RedisValue[]>> read)
    {
        var chunks = new List<Task<RedisValue[]>>();
        for (var i = 0; i < items.Count; i += _readChunkSize)
            chunks.Add(read(items.Skip(i).Take(_readChunkSize)));
        return chunks;
    }

    // The values of pipelined chunks in order, each converted as it is taken from its chunk's reply.
    private static async Task<IReadOnlyList<T>> Collect<T>(List<Task<RedisValue[]>> chunks, int count, Func<RedisValue, T> convert)
    {
        var result = new List<T>(count);
        foreach (var chunk in chunks)
            result.AddRange((await chunk).Select(convert));
        return result;
    }

    public Task<bool> ExistsAsync(string key) => _db.KeyExistsAsync(key);

    public async Task<string?> HashGetAsync(string key, string field) => await _db.HashGetAsync(key, field);

    public Task<IReadOnlyList<string?>> HashGetManyAsync(string key, IReadOnlyList<string> fields) =>
        Collect(InChunks(fields, chunk => _db.HashGetAsync(key, chunk.Select(f => (RedisValue)f).ToArray())), fields.Count, v => (string?)v);

    public async Task<IReadOnlyDictionary<string, string>> HashGetAllAsync(string key) =>
        (await _db.HashGetAllAsync(key)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);

    public Task<long> SortedSetLengthAsync(string key) => _db.SortedSetLengthAsync(key);

    public async Task<IReadOnlyList<string>> SortedSetRangeByScoreAsync(string key, double min, double max, int take = -1) =>
        ToStrings(await _db.SortedSetRangeByScoreAsync(key, min, max, Exclude.None, Order.Ascending, 0, take));

    public async Task<IReadOnlyList<string>> SortedSetRangeByLexAsync(string key, string? after, int take = -1)
    {
        var values = after is null
            ? await _db.SortedSetRangeByValueAsync(key, default, default, Exclude.None, Order.Ascending, 0, take)
            : await _db.SortedSetRangeByValueAsync(key, after, default, Exclude.Start, Order.Ascending, 0, take);
        return ToStrings(values);
    }

    public async Task<IReadOnlyList<string>> ListRangeAsync(string key, long start, long stop) =>
        ToStrings(await _db.ListRangeAsync(key, start, stop));

    public async Task<IReadOnlyList<byte[]>> ListRangeUtf8Async(string key, long start, long stop) =>
        (await _db.ListRangeAsync(key, start, stop)).Select(v => (byte[])v!).ToList();

    public Task<long> ListLengthAsync(string key) => _db.ListLengthAsync(key);

    public async Task<string> StreamAddAsync(string key, string field, string value, long maxLength) =>
        (string)(await _db.StreamAddAsync(key, field, value, maxLength: maxLength, useApproximateMaxLength: true))!;

    public async Task<IReadOnlyList<(string Id, string? Value)>> StreamRangeDescendingAsync(string key, string field, string minId, string maxId, int count) =>
        (await _db.StreamRangeAsync(key, minId, maxId, count, Order.Descending)).Select(e => ((string)e.Id!, (string?)e[field])).ToList();

    public Task<RedisScriptResult> EvaluateAsync(string script, IReadOnlyList<string> keys, IReadOnlyList<string> args) =>
        EvaluateAsync(script, keys, args.Select(a => (RedisValue)a).ToArray());

    public Task<RedisScriptResult> EvaluateWithBytesAsync(string script, IReadOnlyList<string> keys, IReadOnlyList<ScriptArgument> args) =>
        EvaluateAsync(script, keys, args.Select(a => a.Bytes is { } bytes ? (RedisValue)bytes : (RedisValue)a.Text).ToArray());

    private async Task<RedisScriptResult> EvaluateAsync(string script, IReadOnlyList<string> keys, RedisValue[] args) =>
        Convert(await _db.ScriptEvaluateAsync(script, keys.Select(k => (RedisKey)k).ToArray(), args));

    public async IAsyncEnumerable<string> ScanKeysAsync(string pattern, int pageSize = 1000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var server = _connection.GetServer(_connection.GetEndPoints().First());
        await foreach (var key in server.KeysAsync(_connection.GetDatabase().Database, KeyPrefix + pattern, pageSize)
                           .WithCancellation(cancellationToken))
            yield return ((string)key!)[KeyPrefix.Length..];
    }

    IAsyncEnumerable<string> IRedisStore.ScanKeysAsync(string pattern, int pageSize) => ScanKeysAsync(pattern, pageSize);

    public IRedisBatch CreateBatch() => new RedisBatch(_db.CreateBatch());

    public IRedisTransaction CreateTransaction() => new RedisTransaction(_db.CreateTransaction());

    public Task<TimeSpan> PingAsync() => _db.PingAsync();

    public Task SetAsync(string key, string value, TimeSpan? expiry = null) => _commands.SetAsync(key, value, expiry);
    public Task<bool> SetIfNotExistsAsync(string key, string value, TimeSpan? expiry = null) => _commands.SetIfNotExistsAsync(key, value, expiry);
    public Task<bool> DeleteAsync(string key) => _commands.DeleteAsync(key);
    public Task HashSetAsync(string key, string field, string value) => _commands.HashSetAsync(key, field, value);
    public Task<bool> HashDeleteAsync(string key, string field) => _commands.HashDeleteAsync(key, field);
    public Task<bool> SortedSetAddAsync(string key, string member, double score) => _commands.SortedSetAddAsync(key, member, score);
    public Task<bool> SortedSetRemoveAsync(string key, string member) => _commands.SortedSetRemoveAsync(key, member);
    public Task<long> ListRightPushAsync(string key, string value) => _commands.ListRightPushAsync(key, value);
    public Task ListTrimAsync(string key, long start, long stop) => _commands.ListTrimAsync(key, start, stop);

    public void Dispose() => _connection.Dispose();

    private static IReadOnlyList<string> ToStrings(RedisValue[] values) => values.Select(v => (string)v!).ToList();

    private static RedisScriptResult Convert(RedisResult result)
    {
        if (result.IsNull) return RedisScriptResult.Null;
        // Arrays are the only replies that are not single values (Lua replies are RESP2-shaped).
        if (result.Resp2Type == ResultType.Array)
            return RedisScriptResult.FromItems(((RedisResult[])result!).Select(Convert).ToList());
        return RedisScriptResult.FromText((string)result!);
    }
}
