using Bos.Core.Json;
using Bos.Core.Redis;
using Bos.Migrate.Report;
using Bos.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bos.Migrate.Tests;

/// <summary>The migration's services on an isolated key prefix of the shared Redis (its keys deleted on dispose).</summary>
public sealed class MigrationHarness : IAsyncDisposable
{
    public MigrationHarness(string name) => Redis = new IsolatedRedis(name);

    public IsolatedRedis Redis { get; }

    public IRedisStore Store => Redis.Store;

    /// <summary>Runs one migration the way the command does; returns its exit code and report.</summary>
    public async Task<(int Code, MigrationReport? Report)> RunAsync(MigrationSettings settings, params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = TestServices.RedisConfiguration,
            ["Redis:KeyPrefix"] = Redis.KeyPrefix,
            ["Startup:DependencyAttempts"] = "2",
            ["Startup:RetryDelay"] = "00:00:00.100",
        };
        foreach (var (key, value) in extra) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddBosMigration(configuration, settings).BuildServiceProvider();
        await using (services)
            return await Program.RunAsync(services, settings);
    }

    public Task SetAsync(string key, string json) => Store.SetAsync(key, json);

    public async Task<T?> GetAsync<T>(string key) where T : class => await Store.GetAsync(key) is { } json ? BosJson.Deserialize<T>(json) : null;

    /// <summary>Every key and value under the prefix, to show that a run wrote nothing.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, string>();
        await foreach (var key in Store.ScanKeysAsync("*"))
            snapshot[key] = key switch
            {
                "templates" or "sessions" or "components" => string.Join(",", await Store.SortedSetRangeByLexAsync(key, null)),
                _ when key.StartsWith("components:session:", StringComparison.Ordinal) => string.Join(",", await Store.SortedSetRangeByLexAsync(key, null)),
                Core.Components.ComponentStateCounts.StateKey or Core.Components.ComponentStateCounts.CountsKey =>
                    string.Join(",", (await Store.HashGetAllAsync(key)).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")),
                Core.Outbox.Outbox.ListKey => string.Join("\n", await Store.ListRangeAsync(key, 0, -1)),
                _ when key.StartsWith(Core.Components.ComponentHistoryStore.Key(""), StringComparison.Ordinal) => string.Join("\n", await Store.ListRangeAsync(key, 0, -1)),
                _ => await Store.GetAsync(key) ?? "",
            };
        return snapshot;
    }

    public ValueTask DisposeAsync() => Redis.DisposeAsync();
}
