using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Options;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Reads what the status operator reads (OP-30) for a batch of components: PCS power status and the CFS components,
/// one request per chunk (max_component_batch_size, PCS's limit, CFS's 200 ids), and answers each saga. Power states
/// a PCS transition task just confirmed come with the request and are not read again.
/// A service that fails leaves the batch unanswered: the sagas' watchdogs ask again, as upstream's next pass would.
/// Meanwhile the failure shows in the components' `error` (from its first failed attempt, D-19).
/// </summary>
public sealed partial class ObservationConsumer(IPcsClient pcs, ICfsClient cfs, ComponentWriter writer, IBosOptionsSource options, TimeProvider clock,
    ILogger<ObservationConsumer> logger)
    : IConsumer<Batch<ObserveComponent>>
{
    public async Task Consume(ConsumeContext<Batch<ObserveComponent>> context)
    {
        // The latest request per component wins; a component without a hint is read from PCS.
        var hints = context.Message.GroupBy(m => m.Message.ComponentId).ToDictionary(g => g.Key, g => g.Last().Message.PowerHint);
        foreach (var chunk in Batches.Of(hints.Keys.ToList(), options.Current.MaxComponentBatchSize))
        {
            IReadOnlyList<PowerStatus> power;
            IReadOnlyList<CfsComponent> configured;
            var reading = "pcs";
            try
            {
                // A failed attempt that the client retries shows in the chunk's `error` at once (D-19); the next
                // successful assessment of a component clears it.
                using (ServiceAttempts.Observe(failure => ShowAsync(chunk, ServiceFailureErrors.Retrying(ServiceFailureErrors.ObservationStep(failure.Service), failure))))
                {
                    var unknown = chunk.Where(id => hints[id] is null).ToList();
                    power = unknown.Count == 0 ? [] : await pcs.GetPowerStatusAsync(unknown, context.CancellationToken);
                    reading = "cfs";
                    configured = await cfs.GetComponentsByIdAsync(chunk, context.CancellationToken);
                }
            }
            catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
            {
                logger.LogError("Could not observe {Count} components: {Error}", chunk.Count, e.Message);
                await ShowAsync(chunk, $"{ServiceFailureErrors.ObservationStep(reading)}: {e.GetType().Name}: {e.Message}");
                continue;
            }

            var powerById = power.GroupBy(p => p.Xname!).ToDictionary(g => g.Key, g => (string?)g.First().Bucket);
            foreach (var id in chunk.Where(id => hints[id] is not null)) powerById[id] = hints[id];
            var cfsById = configured.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
            var now = clock.GetUtcNow();
            logger.LogDebug("Observed {Count} components ({Found} known to PCS, {InCfs} to CFS)", chunk.Count, powerById.Count, cfsById.Count);
            await Task.WhenAll(chunk.Select(id =>
            {
                var c = cfsById.GetValueOrDefault(id);
                return context.Publish(new ComponentObserved
                {
                    ComponentId = id,
                    PowerState = powerById.GetValueOrDefault(id),
                    CfsFound = c is not null,
                    CfsDesiredConfig = c?.DesiredConfig ?? "",
                    CfsConfigurationStatus = c?.ConfigurationStatus ?? "",
                    ObservedAt = now,
                });
            }));
        }
    }
}

public sealed partial class ObservationConsumer
{
    /// <summary>
    /// Writes a failed observation's error on the chunk's components that are still enabled, unless they show another
    /// kind of error (a power action's or an assessment's, which stays until its own writer clears it).
    /// </summary>
    private async Task ShowAsync(IReadOnlyList<string> chunk, string error)
    {
        try
        {
            await writer.PatchEachAsync(chunk, c =>
                c.Enabled == true && c.Error != error && (string.IsNullOrEmpty(c.Error) || ServiceFailureErrors.IsObservationError(c.Error))
                    ? new Component { Id = c.Id, Error = error }
                    : null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not write the observation error of {Count} components: {Error}", chunk.Count, e.Message);
        }
    }
}

public sealed class ObservationConsumerDefinition(IOptions<OrchestrationSettings> settings) : BatchConsumerDefinition<ObservationConsumer>(settings);
