using StackExchange.Redis;

namespace Bos.Core.Redis;

/// <summary>
/// The write commands over any StackExchange.Redis command target: the database itself, a batch or a transaction
/// (all three implement <see cref="IDatabaseAsync"/>), so each command is written once.
/// </summary>
internal class RedisCommands(IDatabaseAsync target) : IRedisCommands
{
    protected IDatabaseAsync Target { get; } = target;

    public Task SetAsync(string key, string value, TimeSpan? expiry = null) =>
        Target.StringSetAsync(key, value, expiry, When.Always);

    public Task<bool> SetIfNotExistsAsync(string key, string value, TimeSpan? expiry = null) =>
        Target.StringSetAsync(key, value, expiry, When.NotExists);

    public Task<bool> DeleteAsync(string key) => Target.KeyDeleteAsync(key);

    public Task HashSetAsync(string key, string field, string value) => Target.HashSetAsync(key, field, value);

    public Task<bool> HashDeleteAsync(string key, string field) => Target.HashDeleteAsync(key, field);

    public Task<bool> SortedSetAddAsync(string key, string member, double score) => Target.SortedSetAddAsync(key, member, score);

    public Task<bool> SortedSetRemoveAsync(string key, string member) => Target.SortedSetRemoveAsync(key, member);

    public Task<long> ListRightPushAsync(string key, string value) => Target.ListRightPushAsync(key, value);

    public Task ListTrimAsync(string key, long start, long stop) => Target.ListTrimAsync(key, start, stop);
}

internal sealed class RedisBatch(IBatch batch) : RedisCommands(batch), IRedisBatch
{
    public Task ExecuteAsync()
    {
        batch.Execute();
        return Task.CompletedTask;
    }
}

internal sealed class RedisTransaction(ITransaction transaction) : RedisCommands(transaction), IRedisTransaction
{
    public void AddCondition(RedisCondition condition) => transaction.AddCondition(condition switch
    {
        KeyEqualsCondition c => Condition.StringEqual(c.Key, c.Value),
        KeyNotExistsCondition c => Condition.KeyNotExists(c.Key),
        KeyExistsCondition c => Condition.KeyExists(c.Key),
        HashEqualsCondition c => Condition.HashEqual(c.Key, c.Field, c.Value),
        HashNotExistsCondition c => Condition.HashNotExists(c.Key, c.Field),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown Redis condition"),
    });

    public Task<bool> ExecuteAsync() => transaction.ExecuteAsync();
}
