using Bos.Core.Components;
using Bos.Core.Redis;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// The safety net of the event-driven orchestration: at start-up and then every ReconcileInterval (one replica at a
/// time, by a Redis lease), enabled components the engine knows nothing of are handed to it: components enabled
/// before this version ran, or whose change event never reached it. It reads the records in pipelined chunks and asks
/// nothing of PCS or CFS.
/// </summary>
public sealed class ComponentReconciler(
    ComponentRepository repository,
    IRedisStore redis,
    EngineStore states,
    ComponentEngine engine,
    Bos.Core.Health.IProcessReadiness readiness,
    IOptions<OrchestrationSettings> settings,
    ILogger<ComponentReconciler> logger) : BackgroundService
{
    private const string LeaseKey = "orchestration:reconcile-lease";
    private const int Chunk = 1000;
    private readonly string _owner = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = settings.Value.ReconcileInterval;
        try
        {
            await Task.Delay(settings.Value.ReconcileStartDelay, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // The lease lapses before the next round, so whichever replica comes first runs it.
                    // An unready worker (broker, Redis or its consumers down) takes no round: a healthy one does.
                    if (readiness.IsReady && await redis.SetIfNotExistsAsync(LeaseKey, _owner, interval * 0.9))
                        await SweepAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Component reconciliation failed: {Error}", e.Message);
                }
                await Task.Delay(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One pass: every enabled component the engine knows nothing of is handed to it. Returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var started = 0;
        var enabled = new List<string>(Chunk);
        await foreach (var component in repository.ReadAllAsync(chunk: Chunk).WithCancellation(cancellationToken))
        {
            if (component.Enabled == true) enabled.Add(component.Id!);
            if (enabled.Count == Chunk) started += await StartMissing(enabled, cancellationToken);
        }
        started += await StartMissing(enabled, cancellationToken);
        if (started > 0) logger.LogWarning("Started orchestration of {Count} enabled components that had none", started);
        return started;
    }

    private async Task<int> StartMissing(List<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return 0;
        var known = await states.ReadAsync(ids);
        var missing = ids.Where((_, i) => known[i] is null).ToList();
        if (missing.Count > 0) await engine.HandleAsync(missing.Select(EngineInput.Reconciled).ToList(), cancellationToken);
        ids.Clear();
        return missing.Count;
    }
}
