using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Time;

namespace Bos.Workers.ActualStateCleanup;

/// <summary>
/// Actual-state cleanup (OP-17) over every component, with the TTL of this run's options (Q-10: units in either
/// case). Each write re-checks its component as stored, so a report that arrives meanwhile is never wiped.
/// </summary>
public sealed class ActualStateCleanupOperator(ComponentRepository components, ComponentWriter writer, IBosOptionsSource options,
    TimeProvider clock, ILogger<ActualStateCleanupOperator> logger)
{
    /// <summary>Returns the ids whose actual state it cleared.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct = default)
    {
        var current = options.Current;
        if (!DurationString.TryParse(current.ComponentActualStateTtl, out var ttl))
        {
            // The options reader only passes legal values; this guards against a reader that does not.
            logger.LogWarning("component_actual_state_ttl {Ttl} is not a duration; using {Default}",
                current.ComponentActualStateTtl, BosOptions.Defaults.ComponentActualStateTtl);
            DurationString.TryParse(BosOptions.Defaults.ComponentActualStateTtl, out ttl);
        }

        var now = clock.GetUtcNow();
        var due = new List<string>();
        await foreach (var component in components.ReadAllAsync().WithCancellation(ct))
            if (ActualStateCleanupRule.IsDue(component, ttl, now)) due.Add(component.Id!);
        if (due.Count == 0) return due;

        var cleared = new List<string>();
        foreach (var chunk in Batches.Of(due, current.MaxComponentBatchSize))
        {
            var written = await writer.PatchEachAsync(chunk, c => ActualStateCleanupRule.Patch(c, ttl, clock.GetUtcNow()));
            cleared.AddRange(written.Where(c => !ActualStateCleanupRule.BootStateIsSet(c)).Select(c => c.Id!));
        }
        if (cleared.Count > 0)
            logger.LogInformation("Cleared the actual state of {Count} components not heard from for {Ttl}: {Ids}",
                cleared.Count, current.ComponentActualStateTtl, cleared.Take(100));
        return cleared;
    }
}
