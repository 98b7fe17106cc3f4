using Bos.Core.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bos.Testing;

/// <summary>The shared Redis seen through a key prefix of its own; its keys are deleted on dispose.</summary>
public sealed class IsolatedRedis : IAsyncDisposable
{
    public IsolatedRedis(string name)
    {
        KeyPrefix = $"test:{TestServices.UniqueName(name)}:";
        Store = new StackExchangeRedisStore(
            Options.Create(new RedisOptions { Configuration = TestServices.RedisConfiguration, KeyPrefix = KeyPrefix }),
            NullLogger<StackExchangeRedisStore>.Instance);
    }

    public string KeyPrefix { get; }

    public StackExchangeRedisStore Store { get; }

    public async ValueTask DisposeAsync()
    {
        var batch = Store.CreateBatch();
        var deletes = new List<Task>();
        await foreach (var key in Store.ScanKeysAsync("*"))
            deletes.Add(batch.DeleteAsync(key));
        await batch.ExecuteAsync();
        await Task.WhenAll(deletes);
        Store.Dispose();
    }
}
