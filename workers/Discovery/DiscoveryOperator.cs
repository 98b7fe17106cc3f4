using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Options;

namespace Bos.Workers.Discovery;

/// <summary>
/// Discovery (OP-10): every HSM node that is not a BOS component yet becomes one (<see cref="DiscoveryRule"/>),
/// written with PUT semantics in chunks of max_component_batch_size.
/// </summary>
public sealed class DiscoveryOperator(IHsmClient hsm, ComponentRepository components, ComponentWriter writer, IBosOptionsSource options,
    ILogger<DiscoveryOperator> logger)
{
    private const int IdPage = 5000;

    /// <summary>Returns the ids it created.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct = default)
    {
        var inHsm = await hsm.GetComponentsAsync(ct);
        var known = new HashSet<string>(StringComparer.Ordinal);
        for (string? after = null; ;)
        {
            var ids = await components.IdsAfterAsync(after, IdPage);
            known.UnionWith(ids);
            if (ids.Count < IdPage) break;
            after = ids[^1];
        }

        var found = DiscoveryRule.NewNodes(inHsm, known);
        if (found.Count == 0) return found;
        logger.LogInformation("Discovered {Count} new nodes: {Ids}", found.Count, found.Take(100));
        foreach (var chunk in Batches.Of(found, options.Current.MaxComponentBatchSize))
            await writer.PutAsync(chunk.Select(DiscoveryRule.NewRecord).ToList());
        return found;
    }
}
