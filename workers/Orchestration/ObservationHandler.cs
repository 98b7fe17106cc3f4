using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Options;
using MassTransit;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Reads what the status operator reads (OP-30) for a batch of components: PCS power status and the CFS components,
/// one request per chunk (the clients split by PCS's and CFS's limits), and steps the engine with what they said.
/// A power state a PCS transition task just confirmed (the pending value "on"/"off") stands in for the PCS read.
/// A service that fails leaves the batch unobserved: the observation watchdog asks again, as upstream's next pass would.
/// Meanwhile the failure shows in the components' `error` (from its first failed attempt, D-19); the next successful
/// assessment clears it.
/// </summary>
public sealed class ObservationHandler(IPcsClient pcs, ICfsClient cfs, ObservationErrors errors, ComponentEngine engine, ILogger<ObservationHandler> logger)
    : IActionHandler
{
    private const int PcsLimit = 2500;

    public ActionKind Kind => ActionKind.Observe;

    public int BatchSize(BosOptions options) => options.MaxComponentBatchSize is > 0 and < PcsLimit ? options.MaxComponentBatchSize : PcsLimit;

    public async Task HandleAsync(IReadOnlyDictionary<string, string> batch, ConsumeContext context, Action acted)
    {
        var ids = batch.Keys.ToList();
        IReadOnlyList<PowerStatus> power;
        IReadOnlyList<CfsComponent> configured;
        var unknown = ids.Where(id => batch[id] == "").ToList();
        var powerRead = Task.FromResult<IReadOnlyList<PowerStatus>>([]);
        var cfsRead = Task.FromResult<IReadOnlyList<CfsComponent>>([]);
        try
        {
            // A failed attempt that the client retries shows in the batch's `error` at once (D-19).
            using (ServiceAttempts.Observe(failure => errors.ShowAsync(ids, ServiceFailureErrors.Retrying(ServiceFailureErrors.ObservationStep(failure.Service), failure))))
            {
                powerRead = unknown.Count == 0 ? powerRead : pcs.GetPowerStatusAsync(unknown, context.CancellationToken);
                cfsRead = cfs.GetComponentsByIdAsync(ids, context.CancellationToken);
                await Task.WhenAll(powerRead, cfsRead);
            }
            (power, configured) = (await powerRead, await cfsRead);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            logger.LogError("Could not observe {Count} components: {Error}", ids.Count, e.Message);
            var failed = powerRead.IsFaulted ? "pcs" : "cfs";
            await errors.ShowAsync(ids, $"{ServiceFailureErrors.ObservationStep(failed)}: {e.GetType().Name}: {e.Message}");
            return;
        }

        acted();
        var powerById = power.GroupBy(p => p.Xname!).ToDictionary(g => g.Key, g => (string?)g.First().Bucket);
        foreach (var id in ids.Where(id => batch[id] != "")) powerById[id] = batch[id];
        var cfsById = configured.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        logger.LogDebug("Observed {Count} components ({Found} known to PCS, {InCfs} to CFS)", ids.Count, powerById.Count, cfsById.Count);
        await engine.HandleAsync(ids.Select(id => EngineInput.Observed(id, new HardwareObservation(powerById.GetValueOrDefault(id),
            cfsById.GetValueOrDefault(id) is { } c ? new CfsObservation(c.DesiredConfig ?? "", c.ConfigurationStatus ?? "") : null))).ToList(), context.CancellationToken);
    }
}
