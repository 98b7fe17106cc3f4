using System.Diagnostics;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bos.Bench;

/// <summary>Our Redis store (StackExchange.Redis) against the real Redis: what pipelining buys.</summary>
public sealed class RedisBenchmark(TextWriter output)
{
    public async Task RunAsync(int count)
    {
        var prefix = BenchEnvironment.NewKeyPrefix();
        using var store = new StackExchangeRedisStore(
            Microsoft.Extensions.Options.Options.Create(new RedisOptions { KeyPrefix = prefix }), NullLogger<StackExchangeRedisStore>.Instance);
        var value = new string('x', 600); // about one component record
        output.WriteLine("| Redis operation | N | ops/s |");
        output.WriteLine("|---|---|---|");

        var sequential = Math.Min(count, 5000);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < sequential; i++) await store.SetAsync($"seq:{i}", value);
        Row("SET, one awaited round trip at a time", sequential, watch);

        watch.Restart();
        var batch = store.CreateBatch();
        var writes = Enumerable.Range(0, count).Select(i => batch.SetAsync($"k:{i}", value)).ToList();
        await batch.ExecuteAsync();
        await Task.WhenAll(writes);
        Row("SET, pipelined batch", count, watch);

        watch.Restart();
        var values = await store.GetManyAsync(Enumerable.Range(0, count).Select(i => $"k:{i}").ToList());
        Row("GET, pipelined MGET chunks (GetManyAsync)", values.Count, watch);

        var repository = new ComponentRepository(store, new Core.Outbox.Outbox(), TimeProvider.System);
        var ids = Enumerable.Range(0, count).Select(i => $"x{i}").ToList();
        watch.Restart();
        await repository.UpdateManyAsync(ids, (id, _) => new Component { Id = id, Enabled = false, Error = "" }, createMissing: true);
        Row("component create: Lua compare-and-set + index + outbox event, 500 per script", count, watch);
        watch.Restart();
        await repository.UpdateManyAsync(ids, (_, c) => c! with { Error = "changed" });
        Row("component update: read + Lua compare-and-set + outbox event", count, watch);

        await foreach (var key in store.ScanKeysAsync("*", 5000)) _ = store.DeleteAsync(key);
        await store.DeleteAsync(Core.Outbox.Outbox.ListKey);

        void Row(string what, int n, Stopwatch w) => output.WriteLine($"| {what} | {n:N0} | {n / w.Elapsed.TotalSeconds:N0} |");
    }
}
