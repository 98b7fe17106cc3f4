using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Options;
using MassTransit;

namespace Bos.Workers.Orchestration;

/// <summary>
/// OP-16: for enabled components in configuring whose CFS desired_config differs from their desired configuration,
/// CFS PATCH enabled=true with the configuration and the session tag, grouped by (configuration, session). Like
/// upstream it records only the error (no last action, no counter) and, when CFS lacks any of the components, does
/// nothing for the chunk.
/// </summary>
public sealed class ConfigurationHandler(
    ComponentRepository repository,
    ComponentWriter writer,
    ICfsClient cfs,
    ILogger<ConfigurationHandler> logger)
    : IActionHandler
{
    public ActionKind Kind => ActionKind.Configure;

    public int BatchSize(BosOptions options) => options.MaxComponentBatchSize > 0 ? options.MaxComponentBatchSize : 2500;

    public async Task HandleAsync(IReadOnlyDictionary<string, string> batch, ConsumeContext context, Action acted)
    {
        var ct = context.CancellationToken;
        var selected = (await repository.GetManyAsync(batch.Keys.ToList())).OfType<Component>()
            .Where(c => c.Enabled == true && ComponentStatusRule.Compute(c) == Statuses.Configuring).ToList();
        if (selected.Count == 0) return;

        List<Component> act;
        try
        {
            var inCfs = (await cfs.GetComponentsByIdAsync(selected.Select(c => c.Id!).ToList(), ct)).ToDictionary(c => c.Id, c => c.DesiredConfig ?? "");
            var missing = selected.Where(c => !inCfs.ContainsKey(c.Id!)).Select(c => c.Id).ToList();
            if (missing.Count > 0)
            {
                logger.LogError("Components missing from CFS, not configuring this batch: {ComponentIds}", string.Join(',', missing));
                return;
            }
            act = selected.Where(c => inCfs[c.Id!] != (c.DesiredState?.Configuration ?? "")).ToList();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError("Could not read CFS components, not configuring this batch: {Error}", e.Message);
            return;
        }
        if (act.Count == 0) return;

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
        // Not on a component a newer session set up meanwhile (D-25): the error is about the configuration it had.
        await writer.PatchSameTargetAsync(act, act.Select(c => new Component { Id = c.Id, Error = error }));
    }
}
