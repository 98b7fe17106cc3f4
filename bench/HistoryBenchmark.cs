using System.Diagnostics;
using System.Globalization;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Bos.Bench;

/// <summary>
/// The cost of the per-component history (issue #17): N components each go through R reboots (default 2)
/// (7 writes each, as the operators write them: setup, graceful off, cleared actual state, power-on, report,
/// configuring, done; 12 history entries per reboot) through the real repository, once with history off and once on;
/// time per write and the Redis memory the history takes (MEMORY USAGE of a sample of history lists, extrapolated, and
/// the used_memory of the two runs).
/// </summary>
public sealed class HistoryBenchmark(TextWriter output)
{
    public async Task RunAsync(int count, int reboots, string redisConfiguration = "127.0.0.1:6379")
    {
        using var admin = await ConnectionMultiplexer.ConnectAsync(redisConfiguration + ",allowAdmin=true");
        output.WriteLine($"| history | components | writes | time per write | writes/s | history memory (sampled MEMORY USAGE × N) | used_memory after the run |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var enabled in new[] { false, true })
            await RunOnceAsync(admin, count, reboots, enabled);
    }

    private async Task RunOnceAsync(ConnectionMultiplexer admin, int count, int reboots, bool enabled)
    {
        var prefix = BenchEnvironment.NewKeyPrefix();
        using var store = new StackExchangeRedisStore(MsOptions.Create(new RedisOptions
        {
            // A script of 500 records waits behind the other clients of a busy shared Redis: a long timeout, not a failed run.
            Configuration = "127.0.0.1:6379,asyncTimeout=60000,syncTimeout=60000", KeyPrefix = prefix,
        }), NullLogger<StackExchangeRedisStore>.Instance);
        var repository = new ComponentRepository(store, new Core.Outbox.Outbox(), TimeProvider.System,
            MsOptions.Create(new ComponentHistoryOptions { Enabled = enabled }));
        var ids = Enumerable.Range(0, count).Select(i => $"x{i:D6}c0s0b0n0").ToList();
        await repository.UpdateManyAsync(ids, (id, _) => new Component
        {
            Id = id, Enabled = false, Error = "", Session = "", Status = new ComponentStatus { Phase = "", StatusOverride = "" },
            EventStats = EventStats.Zero, ActualState = Booted("old"), DesiredState = DesiredState.Empty, StagedState = StagedState.Empty,
            LastAction = new LastAction { Action = Actions.NewlyDiscovered, Failed = false },
        }, createMissing: true);
        await store.DeleteAsync(Core.Outbox.Outbox.ListKey);

        var writes = 0L;
        var watch = Stopwatch.StartNew();
        for (var reboot = 1; reboot <= reboots; reboot++)
            foreach (var step in Steps($"session-{reboot}", $"image-{reboot}"))
            {
                await repository.UpdateManyAsync(ids, (_, c) => step(c!));
                writes += count;
                // No relay runs here: the outbox would otherwise hold every event of the run.
                watch.Stop();
                await store.DeleteAsync(Core.Outbox.Outbox.ListKey);
                watch.Start();
            }
        watch.Stop();

        var db = admin.GetDatabase();
        var sample = ids.Where((_, i) => i % Math.Max(1, count / 1000) == 0).ToList();
        long sampled = 0;
        foreach (var id in sample)
            sampled += (long?)await db.ExecuteAsync("MEMORY", "USAGE", prefix + ComponentHistoryStore.Key(id)) ?? 0;
        var historyBytes = sampled * count / Math.Max(1, sample.Count);
        var used = UsedMemory(await admin.GetServers()[0].InfoAsync("memory"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {(enabled ? "on (20 entries, 7 days)" : "off")} | {count:N0} | {writes:N0} | {watch.Elapsed.TotalMicroseconds / writes:N1} µs | {writes / watch.Elapsed.TotalSeconds:N0} | {Mb(historyBytes)} ({historyBytes / Math.Max(1, count):N0} B per component) | {Mb(used)} |"));

        await foreach (var key in store.ScanKeysAsync("*", 5000)) await store.DeleteAsync(key);
    }

    private static long UsedMemory(IGrouping<string, KeyValuePair<string, string>>[] info) =>
        long.Parse(info.SelectMany(g => g).First(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N1} MB");

    private static ActualState Booted(string image) => new()
    {
        BootArtifacts = new BootArtifacts { Kernel = $"s3://boot-images/{image}/kernel", KernelParameters = "console=ttyS0 root=live", Initrd = $"s3://boot-images/{image}/initrd" },
        BssToken = Guid.NewGuid().ToString(), LastUpdated = "2026-12-02T13:00:00Z",
    };

    /// <summary>A reboot as the operators write it, one write per step.</summary>
    private static IEnumerable<Func<Component, Component>> Steps(string session, string image)
    {
        var desired = new DesiredState { BootArtifacts = Booted(image).BootArtifacts, Configuration = "config-" + image, LastUpdated = "2026-12-02T13:00:00Z" };
        LastAction Action(string action) => new() { Action = action, Failed = false, LastUpdated = DateTimeOffset.UtcNow.ToString("O") };
        ComponentStatus Phase(string phase) => new() { Phase = phase, StatusOverride = "" };
        yield return c => c with { Session = session, Enabled = true, DesiredState = desired, LastAction = Action(Actions.SessionSetup), Status = Phase(Phases.PoweringOff) };
        yield return c => c with { LastAction = Action(Actions.PoweringOffGracefully), EventStats = EventStats.Zero with { PowerOffGracefulAttempts = 1 } };
        yield return c => c with { ActualState = ActualState.Empty };
        yield return c => c with { LastAction = Action(Actions.PoweringOn), Status = Phase(Phases.PoweringOn), EventStats = EventStats.Zero with { PowerOnAttempts = 1 } };
        yield return c => c with { ActualState = Booted(image) };
        yield return c => c with { Status = Phase(Phases.Configuring) };
        yield return c => c with { Status = Phase(""), Enabled = false };
    }
}
