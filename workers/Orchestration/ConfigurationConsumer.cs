using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Options;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// OP-16: for enabled components in configuring whose CFS desired_config differs from their desired configuration,
/// CFS PATCH enabled=true with the configuration and the session tag, grouped by (configuration, session). Like
/// upstream it records only the error (no last action, no counter) and, when CFS lacks any of the components, does
/// nothing for the chunk.
/// </summary>
public sealed class ConfigurationConsumer(
    ComponentRepository repository,
    ComponentWriter writer,
    ICfsClient cfs,
    IBosOptionsSource options,
    ILogger<ConfigurationConsumer> logger)
    : IConsumer<Batch<ConfigureRequested>>
{
    public async Task Consume(ConsumeContext<Batch<ConfigureRequested>> context)
    {
        var ct = context.CancellationToken;
        var ids = context.Message.Select(m => m.Message.ComponentId).Distinct().ToList();
        foreach (var chunk in Batches.Of(ids, options.Current.MaxComponentBatchSize))
        {
            var selected = (await repository.GetManyAsync(chunk)).OfType<Component>()
                .Where(c => c.Enabled == true && ComponentStatusRule.Compute(c) == Statuses.Configuring).ToList();
            if (selected.Count == 0) continue;

            List<Component> act;
            try
            {
                var inCfs = (await cfs.GetComponentsByIdAsync(selected.Select(c => c.Id!).ToList(), ct)).ToDictionary(c => c.Id, c => c.DesiredConfig ?? "");
                var missing = selected.Where(c => !inCfs.ContainsKey(c.Id!)).Select(c => c.Id).ToList();
                if (missing.Count > 0)
                {
                    logger.LogError("Components missing from CFS, not configuring this chunk: {ComponentIds}", string.Join(',', missing));
                    continue;
                }
                act = selected.Where(c => inCfs[c.Id!] != (c.DesiredState?.Configuration ?? "")).ToList();
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogError("Could not read CFS components, not configuring this chunk: {Error}", e.Message);
                continue;
            }
            if (act.Count == 0) continue;

            var error = "";
            try
            {
                foreach (var group in act.GroupBy(c => (Configuration: c.DesiredState?.Configuration ?? "", Session: c.Session ?? "")))
                {
                    await cfs.PatchComponentsAsync(group.Select(c => c.Id!).ToList(), new CfsComponentPatch
                    {
                        Enabled = true,
                        DesiredConfig = group.Key.Configuration,
                        Tags = new Dictionary<string, string> { ["bos_session"] = group.Key.Session },
                    }, ct);
                    logger.LogInformation("CFS configuration {Configuration} set for {Count} components of session {SessionId}",
                        group.Key.Configuration, group.Count(), group.Key.Session);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogError(e, "An unhandled exception was caught while trying to act on components: {Error}", e.Message);
                error = e.Message;
            }
            await writer.PatchAsync(act.Select(c => new Component { Id = c.Id, Error = error }).ToList());
        }
    }
}

public sealed class ConfigurationConsumerDefinition(IOptions<OrchestrationSettings> settings) : BatchConsumerDefinition<ConfigurationConsumer>(settings);
