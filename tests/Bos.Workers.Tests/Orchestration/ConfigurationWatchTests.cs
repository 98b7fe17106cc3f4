using Bos.Core.Clients;
using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// One round of the CFS watch over real Redis and the test bus: which watched components get an observation and
/// which stay watched. CFS answers from a fixed table here; the end-to-end session tests run the watch against
/// the simulator's CFS.
/// </summary>
[NeedsServices]
public sealed class ConfigurationWatchTests(EngineHarness h) : IClassFixture<EngineHarness>
{
    [Fact]
    public async Task Components_whose_configuration_moved_on_are_observed_and_the_others_stay_watched()
    {
        var cfs = new FixedCfs(new Dictionary<string, (string Desired, string Status)>
        {
            ["w1"] = ("c1", "pending"),
            ["w2"] = ("c1", "configured"),
            ["w4"] = ("other", "pending"),
            ["w6"] = ("c1", "failed"),
            ["w8"] = ("other", "pending"),
            ["w9"] = ("other", "pending"),
            ["w10"] = ("", "pending"),
        });
        var set = h.Services.GetRequiredService<ConfiguringComponents>();
        await Forget(set);
        await set.AddAsync(new[] { "w1", "w2", "w3", "w4", "w6", "w8" }.ToDictionary(id => id, _ => "c1"));
        // w8's differing desired_config has been given its ConfigurationSweepInterval already.
        await h.Redis.Store.SortedSetAddAsync(ConfiguringComponents.Key, "w8", 0);
        // w9 and w10 are watched with no desired configuration recorded (""), their sweep interval given too.
        await h.Redis.Store.SortedSetAddAsync(ConfiguringComponents.Key, "w9", 0);
        await h.Redis.Store.SortedSetAddAsync(ConfiguringComponents.Key, "w10", 0);
        var kicksBefore = h.Kicks(ActionKind.Observe);
        var watch = new ConfigurationWatch(h.Redis.Store, set, cfs, h.Services.GetRequiredService<PendingActions>(), h.Services.GetRequiredService<ActionKicks>(), new Bos.Core.Health.AlwaysReady(),
            h.Services.GetRequiredService<IOptions<OrchestrationSettings>>(), TimeProvider.System, NullLogger<ConfigurationWatch>.Instance);

        var observed = await watch.RoundAsync();

        // w2 configured, w3 unknown to CFS, w6 failed, w8 and w9 configured otherwise for too long; w4's other
        // desired_config is not news before ConfigurationSweepInterval, w1 is still pending, w10's "" is its recorded "".
        observed.Should().BeEquivalentTo("w2", "w3", "w6", "w8", "w9");
        (await set.AllAsync()).Should().BeEquivalentTo("w1", "w4", "w10");
        (await set.DesiredConfigurationsAsync()).Keys.Should().BeEquivalentTo("w1", "w4");
        (await h.PendingAsync(ActionKind.Observe)).Keys.Should().BeEquivalentTo(observed);
        h.Kicks(ActionKind.Observe).Should().BeGreaterThan(kicksBefore);
        (await watch.RoundAsync()).Should().BeEmpty("nothing moved since");
    }

    [Fact]
    public async Task A_round_over_more_components_than_one_chunk_observes_what_moved_on_in_every_chunk()
    {
        var ids = Enumerable.Range(0, ConfigurationWatch.RoundChunk + 10).Select(i => $"big{i:D5}").ToList();
        var table = ids.ToDictionary(id => id, _ => ("c1", "pending"));
        foreach (var i in new[] { 0, 17, ConfigurationWatch.RoundChunk - 1, ConfigurationWatch.RoundChunk, ConfigurationWatch.RoundChunk + 9 })
            table[ids[i]] = ("c1", "configured");
        table[ids[5]] = ("other", "pending");
        table[ids[ConfigurationWatch.RoundChunk + 3]] = ("other", "pending");
        table.Remove(ids[42]);
        var set = h.Services.GetRequiredService<ConfiguringComponents>();
        await Forget(set);
        await set.AddAsync(ids.ToDictionary(id => id, _ => "c1"));
        // Both components configured otherwise have been given their ConfigurationSweepInterval already.
        await h.Redis.Store.SortedSetAddAsync(ConfiguringComponents.Key, ids[5], 0);
        await h.Redis.Store.SortedSetAddAsync(ConfiguringComponents.Key, ids[ConfigurationWatch.RoundChunk + 3], 0);
        var watch = new ConfigurationWatch(h.Redis.Store, set, new FixedCfs(table), h.Services.GetRequiredService<PendingActions>(), h.Services.GetRequiredService<ActionKicks>(), new Bos.Core.Health.AlwaysReady(),
            h.Services.GetRequiredService<IOptions<OrchestrationSettings>>(), TimeProvider.System, NullLogger<ConfigurationWatch>.Instance);

        var observed = await watch.RoundAsync();

        var moved = new[] { 0, 5, 17, 42, ConfigurationWatch.RoundChunk - 1, ConfigurationWatch.RoundChunk, ConfigurationWatch.RoundChunk + 3, ConfigurationWatch.RoundChunk + 9 }
            .Select(i => ids[i]).ToList();
        observed.Should().BeEquivalentTo(moved);
        (await set.AllAsync()).Should().BeEquivalentTo(ids.Except(moved));
        (await h.PendingAsync(ActionKind.Observe)).Keys.Should().BeEquivalentTo(moved);
        await Forget(set);
    }

    [Fact]
    public async Task A_replica_never_reads_CFS_while_another_s_round_runs_past_its_unrenewed_lease()
    {
        var set = await WithSlowComponents();
        // The first round takes 4 s, past its 3 s lease, which only renewal keeps; the other replica looks every 50 ms.
        // Wide margins (a renewal every second): a paused test machine must not pass for a lapsed lease.
        var cfs = new SlowCfs(TimeSpan.FromSeconds(4));
        var replicas = Replicas(2, set, cfs, TimeSpan.FromSeconds(3));

        foreach (var replica in replicas) await replica.StartAsync(CancellationToken.None);
        await cfs.FirstReadEnded.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var reads = cfs.Reads;
        foreach (var replica in replicas) await replica.StopAsync(CancellationToken.None);

        cfs.MostAtOnce.Should().Be(1);
        reads.Should().Be(1, "the other replica waits while the round runs, then for the pause after it");
        await Forget(set);
    }

    [Fact]
    public async Task A_round_whose_lease_another_replica_took_stops_reading_CFS()
    {
        var set = await WithSlowComponents();
        var cfs = new SlowCfs(TimeSpan.FromSeconds(30));
        var replica = Replicas(1, set, cfs, TimeSpan.FromSeconds(1.5)).Single();

        await replica.StartAsync(CancellationToken.None);
        await cfs.FirstReadStarted.WaitAsync(TimeSpan.FromSeconds(30));
        // What a replica finds once this one's lease lapsed under it (a paused process): the lease is another's.
        await h.Redis.Store.SetAsync(ConfigurationWatch.LeaseKey, "another replica");
        await cfs.FirstReadEnded.WaitAsync(TimeSpan.FromSeconds(10));
        var cancelled = cfs.Cancelled;
        await replica.StopAsync(CancellationToken.None);

        cancelled.Should().Be(1, "the round stops at its next renewal instead of reading CFS beside the lease's holder");
        (await h.Redis.Store.GetAsync(ConfigurationWatch.LeaseKey)).Should().Be("another replica");
        await h.Redis.Store.DeleteAsync(ConfigurationWatch.LeaseKey);
        await Forget(set);
    }

    private async Task<ConfiguringComponents> WithSlowComponents()
    {
        var set = h.Services.GetRequiredService<ConfiguringComponents>();
        await Forget(set);
        await h.Redis.Store.DeleteAsync(ConfigurationWatch.LeaseKey);
        await set.AddAsync(new[] { "slow1", "slow2" }.ToDictionary(id => id, _ => "c1"));
        return set;
    }

    private List<ConfigurationWatch> Replicas(int count, ConfiguringComponents set, ICfsClient cfs, TimeSpan roundLease)
    {
        var settings = Options.Create(new OrchestrationSettings { ConfigurationWatchInterval = TimeSpan.FromMilliseconds(50), ConfigurationWatchLease = roundLease });
        return Enumerable.Range(0, count).Select(_ => new ConfigurationWatch(h.Redis.Store, set, cfs, h.Services.GetRequiredService<PendingActions>(),
            h.Services.GetRequiredService<ActionKicks>(), new Bos.Core.Health.AlwaysReady(), settings, TimeProvider.System,
            NullLogger<ConfigurationWatch>.Instance)).ToList();
    }

    /// <summary>The tests share one Redis: what another left watched or waiting for observation is forgotten.</summary>
    private async Task Forget(ConfiguringComponents set)
    {
        await set.RemoveAsync(await set.AllAsync());
        await h.Redis.Store.DeleteAsync(PendingActions.PendingKey(ActionKind.Observe));
    }

    /// <summary>Every component still pending; each read takes <paramref name="delay"/>, and the reads at once are counted.</summary>
    private sealed class SlowCfs(TimeSpan delay) : ICfsClient
    {
        private readonly Lock _gate = new();
        private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _atOnce;
        private int _reads;
        private int _mostAtOnce;
        private int _cancelled;

        public int Reads => _reads;

        public int MostAtOnce => _mostAtOnce;

        /// <summary>Reads given up because their caller cancelled them.</summary>
        public int Cancelled => _cancelled;

        public Task FirstReadStarted => _firstStarted.Task;

        /// <summary>The first read has returned or was cancelled.</summary>
        public Task FirstReadEnded => _firstEnded.Task;

        public async Task<IReadOnlyList<CfsComponent>> GetComponentsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _reads);
            var now = Interlocked.Increment(ref _atOnce);
            lock (_gate) _mostAtOnce = Math.Max(_mostAtOnce, now);
            _firstStarted.TrySetResult();
            try
            {
                await Task.Delay(delay, ct);
                return ids.Select(id => new CfsComponent { Id = id, DesiredConfig = "c1", ConfigurationStatus = "pending" }).ToList();
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref _atOnce);
                _firstEnded.TrySetResult();
            }
        }

        public Task<IReadOnlyList<CfsComponent>> GetAllComponentsAsync(IReadOnlyDictionary<string, string>? query = null, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public Task PatchComponentsAsync(IReadOnlyCollection<string> ids, CfsComponentPatch patch, CancellationToken ct = default) =>
            throw new NotSupportedException();
    }

    private sealed class FixedCfs(Dictionary<string, (string Desired, string Status)> table) : ICfsClient
    {
        public Task<IReadOnlyList<CfsComponent>> GetComponentsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<CfsComponent>>(ids.Where(table.ContainsKey)
                .Select(id => new CfsComponent { Id = id, DesiredConfig = table[id].Desired, ConfigurationStatus = table[id].Status }).ToList());

        public Task<IReadOnlyList<CfsComponent>> GetAllComponentsAsync(IReadOnlyDictionary<string, string>? query = null, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public Task PatchComponentsAsync(IReadOnlyCollection<string> ids, CfsComponentPatch patch, CancellationToken ct = default) =>
            throw new NotSupportedException();
    }
}
