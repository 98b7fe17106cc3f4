using Bos.Core.Components;
using Bos.Core.Redis;
using Bos.Core.Sagas;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// The safety net of the event-driven orchestration: at start-up and then every ReconcileInterval (one replica at a
/// time, by a Redis lease), enabled components without a saga get one: components enabled before this version ran,
/// or whose change event never reached a saga. It reads the records in pipelined chunks and asks nothing of PCS or CFS.
/// </summary>
public sealed class ComponentReconciler(
    ComponentRepository repository,
    IRedisStore redis,
    RedisSagaStore<ComponentState> sagas,
    IBus bus,
    Bos.Core.Health.IProcessReadiness readiness,
    IOptions<OrchestrationSettings> settings,
    ILogger<ComponentReconciler> logger) : BackgroundService
{
    private const string LeaseKey = "orchestration:reconcile-lease";
    private const int Chunk = 1000;
    private const string ExistsScript = "local r = {} for i, k in ipairs(KEYS) do r[i] = redis.call('EXISTS', k) end return r";
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

    /// <summary>One pass: every enabled component without a saga is handed to a new one. Returns how many.</summary>
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
        var exists = await redis.EvaluateAsync(ExistsScript, ids.Select(id => sagas.Key(ComponentSagaId.For(id))).ToList(), []);
        var flags = exists.Items ?? [];
        var missing = ids.Where((_, i) => i >= flags.Count || flags[i].AsInteger() == 0).ToList();
        await Task.WhenAll(missing.Select(id => bus.Publish(new AssessComponent(id), cancellationToken)));
        ids.Clear();
        return missing.Count;
    }
}
