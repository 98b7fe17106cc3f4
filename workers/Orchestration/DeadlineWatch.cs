using Bos.Core.Health;
using Bos.Core.Redis;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Finds the components whose due time has come (a deadline, the sweep, a request's watchdog: the sorted set
/// <see cref="EngineStore.DueKey"/>) and steps the engine with them, thousands at a time: 100,000 waiting components
/// are 100,000 scores in one key, not 100,000 scheduled messages. One replica per round (a Redis lease); it sleeps until
/// the earliest due time, at most <see cref="MaxSleep"/>, so a due time set by another replica is seen within that.
/// Each round also kicks the kinds of action that have waiting (or abandoned) work and no drainer (a kick lost with a worker).
/// </summary>
public sealed class DeadlineWatch(
    IRedisStore redis,
    EngineStore store,
    ComponentEngine engine,
    PendingActions pending,
    ActionKicks kicks,
    IProcessReadiness readiness,
    TimeProvider clock,
    ILogger<DeadlineWatch> logger) : BackgroundService
{
    public static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);
    private const string LeaseKey = "orchestration:deadline-lease";
    private const int Take = 5000;
    private readonly string _owner = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var sleep = MaxSleep;
                try
                {
                    if (readiness.IsReady && await redis.SetIfNotExistsAsync(LeaseKey, _owner, MaxSleep * 0.9))
                    {
                        await RoundAsync(stoppingToken);
                        if (await store.NextDueAsync() is { } next)
                            sleep = TimeSpan.FromMilliseconds(Math.Clamp((next - clock.GetUtcNow()).TotalMilliseconds, 20, MaxSleep.TotalMilliseconds));
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError("Could not handle the due components: {Error}", e.Message);
                }
                await Task.Delay(sleep, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One round: steps every component due by now; returns how many.</summary>
    public async Task<int> RoundAsync(CancellationToken ct = default)
    {
        var handled = 0;
        while (true)
        {
            var due = await store.DueAsync(clock.GetUtcNow(), Take);
            if (due.Count > 0) await engine.HandleAsync(due.Select(EngineInput.Due).ToList(), ct);
            handled += due.Count;
            if (due.Count < Take) break;
        }
        var unattended = new List<ActionKind>();
        foreach (var kind in Enum.GetValues<ActionKind>())
        {
            // Work taken by a drainer that died counts too: the next drainer gives it back first.
            if (await pending.AnyAsync(kind) && !await redis.ExistsAsync(PendingActionConsumer.LeaseKey(kind)))
                unattended.Add(kind);
        }
        await kicks.KickAsync(unattended, ct);
        return handled;
    }
}
