using Bos.Core.Clients;
using Bos.Core.Options;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Reads what the status operator reads (OP-30) for a batch of components: PCS power status and the CFS components,
/// one request per chunk (max_component_batch_size, PCS's limit, CFS's 200 ids), and answers each saga. Power states
/// a PCS transition task just confirmed come with the request and are not read again.
/// A service that fails leaves the batch unanswered: the sagas' watchdogs ask again, as upstream's next pass would.
/// </summary>
public sealed class ObservationConsumer(IPcsClient pcs, ICfsClient cfs, IBosOptionsSource options, TimeProvider clock, ILogger<ObservationConsumer> logger)
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
            try
            {
                var unknown = chunk.Where(id => hints[id] is null).ToList();
                power = unknown.Count == 0 ? [] : await pcs.GetPowerStatusAsync(unknown, context.CancellationToken);
                configured = await cfs.GetComponentsByIdAsync(chunk, context.CancellationToken);
            }
            catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
            {
                logger.LogError("Could not observe {Count} components: {Error}", chunk.Count, e.Message);
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

public sealed class ObservationConsumerDefinition(IOptions<OrchestrationSettings> settings) : BatchConsumerDefinition<ObservationConsumer>(settings);
