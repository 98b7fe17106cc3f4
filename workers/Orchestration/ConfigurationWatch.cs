using Bos.Core.Clients;
using Bos.Core.Redis;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// CFS publishes no events, so something must read it while components are configuring. Instead of re-reading each
/// component on a timer, the engine enters configuring components in a Redis sorted set
/// (<see cref="ConfiguringComponents"/>), and one replica at a time (a Redis lease per round) reads CFS for all of them
/// every ConfigurationWatchInterval (or twice as long as the last round took, so that reading CFS never takes more than
/// a third of the time however many components configure), 4,000 components at a time, and asks for the observation of
/// each component whose configuration moved on (no longer pending, or gone from CFS). A CFS desired_config that still
/// differs from the component's counts only once ConfigurationSweepInterval has passed since the engine last assessed it
/// (the score). A round reads no component records; the engine puts a component back whenever it assesses it
/// configuring. A round's lease is renewed while the round runs and lasts ConfigurationWatchLease unrenewed.
/// </summary>
public sealed class ConfigurationWatch(
    IRedisStore redis,
    ConfiguringComponents watched,
    ICfsClient cfs,
    PendingActions pendingActions,
    ActionKicks kicks,
    Bos.Core.Health.IProcessReadiness readiness,
    IOptions<OrchestrationSettings> settings,
    TimeProvider clock,
    ILogger<ConfigurationWatch> logger) : BackgroundService
{
    public const string LeaseKey = "orchestration:configuring-lease";
    private readonly string _owner = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = settings.Value.ConfigurationWatchInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var pause = interval;
                try
                {
                    // An unready worker (broker, Redis or its consumers down) takes no round: a healthy one does.
                    if (readiness.IsReady && await redis.SetIfNotExistsAsync(LeaseKey, _owner, settings.Value.ConfigurationWatchLease))
                    {
                        var started = clock.GetTimestamp();
                        try
                        {
                            await LeasedRoundAsync(stoppingToken);
                        }
                        catch
                        {
                            // A round that failed or was stopped lets go at once: another replica may read CFS meanwhile.
                            await ReleaseQuietly();
                            throw;
                        }
                        pause = PollPause.After(interval, clock.GetElapsedTime(started));
                        // The lease lapses just before this replica's next round, so whichever replica comes first runs it.
                        await RedisLease.ExtendAsync(redis, LeaseKey, _owner, pause * 0.9);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError("Could not check the configuring components: {Error}", e.Message);
                }
                await Task.Delay(pause, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task LeasedRoundAsync(CancellationToken ct)
    {
        using var round = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var lost = false;
        var renewing = RedisLease.RenewUntilCancelledAsync(redis, LeaseKey, _owner, settings.Value.ConfigurationWatchLease,
            e => logger.LogDebug("Could not renew the CFS watch's lease: {Error}", e.Message), round.Token,
            lost: () =>
            {
                lost = true;
                round.Cancel();
            });
        try
        {
            await RoundAsync(round.Token);
        }
        catch (OperationCanceledException) when (lost && !ct.IsCancellationRequested)
        {
            // Its renewals did not get through in time (a paused process, Redis restarted): another replica may hold the
            // lease and read CFS, so this round stops rather than read beside it. The next round asks again.
            logger.LogWarning("The CFS watch's round stopped: its lease lapsed before it ended");
        }
        finally
        {
            await round.CancelAsync();
            await renewing;
        }
    }

    private async Task ReleaseQuietly()
    {
        try
        {
            await RedisLease.ReleaseAsync(redis, LeaseKey, _owner);
        }
        catch (Exception e)
        {
            logger.LogDebug("Could not release the CFS watch's lease (it lapses by itself): {Error}", e.Message);
        }
    }

    /// <summary>Components read from CFS at a time in a round (20 of CFS's 200-id GETs, 4 at a time).</summary>
    public const int RoundChunk = 4000;

    /// <summary>
    /// One round, in chunks of <see cref="RoundChunk"/>: a round over 100,000 configuring components holds one chunk's
    /// CFS answers at a time, and what moved on in a chunk is observed while the next is read. Returns the components
    /// asked to be observed.
    /// </summary>
    public async Task<IReadOnlyList<string>> RoundAsync(CancellationToken ct = default)
    {
        var ids = await watched.AllAsync();
        if (ids.Count == 0) return [];
        var mismatchDue = await watched.MismatchDueAsync();
        var moved = new List<string>();
        foreach (var chunk in Batches.Of(ids, RoundChunk))
            moved.AddRange(await ChunkAsync(chunk, mismatchDue, ct));
        if (moved.Count > 0) logger.LogDebug("CFS configuration of {Count} of {Watched} components moved on", moved.Count, ids.Count);
        return moved;
    }

    private async Task<List<string>> ChunkAsync(IReadOnlyList<string> ids, IReadOnlySet<string> mismatchDue, CancellationToken ct)
    {
        var inCfs = (await cfs.GetComponentsByIdAsync(ids, ct)).GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        // The desired configuration is read only where a differing CFS desired_config would count.
        var compare = ids.Where(id => mismatchDue.Contains(id) && inCfs.TryGetValue(id, out var state) && state.ConfigurationStatus == "pending").ToList();
        var desired = await watched.DesiredConfigurationsAsync(compare);
        var moved = ids.Where(id => !inCfs.TryGetValue(id, out var state) || state.ConfigurationStatus != "pending"
                || (desired.TryGetValue(id, out var configuration) && (state.DesiredConfig ?? "") != configuration))
            .ToList();

        // A component that left configuring otherwise (disabled, deleted, a new target) leaves with its next
        // observation: the engine decides what that means.
        await watched.RemoveAsync(moved);
        if (moved.Count > 0)
        {
            await pendingActions.AddAsync(ActionKind.Observe, moved.ToDictionary(id => id, _ => ""));
            await kicks.KickAsync([ActionKind.Observe], ct);
        }
        return moved;
    }
}
