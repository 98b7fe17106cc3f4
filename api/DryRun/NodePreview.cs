using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;

namespace Bos.Api.DryRun;

/// <summary>One node a dry run shows: its record now and as it would be written.</summary>
/// <param name="Id">The node.</param>
/// <param name="Current">Its component record; null when it is not a BOS component.</param>
/// <param name="BootSet">The boot set it would take its state from (a session dry run).</param>
/// <param name="Written">The record after the write; null when the node would not be written.</param>
/// <param name="Reason">Why the node would not be written, when it would not.</param>
/// <param name="Staged">The write only stages the target (nothing happens to the node now).</param>
public sealed record PreviewEntry(string Id, Component? Current, Component? Written, string? BootSet, string? Reason, bool Staged);

/// <summary>
/// Turns previewed writes into <see cref="DryRunNode"/>s: asks PCS for the nodes' power states (a read, as the
/// status operator does) and applies <see cref="NodeActionRule"/>.
/// </summary>
public sealed class NodePreview(IPcsClient pcs, ILogger<NodePreview> logger)
{
    public async Task<IReadOnlyList<DryRunNode>> DescribeAsync(IReadOnlyList<PreviewEntry> entries, ICollection<string> warnings,
        CancellationToken ct)
    {
        var power = await PowerAsync(entries.Where(e => e.Current is not null).Select(e => e.Id).ToList(), warnings, ct);
        return entries.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => Describe(e, power.GetValueOrDefault(e.Id))).ToList();
    }

    private static DryRunNode Describe(PreviewEntry entry, string? power)
    {
        var action = entry switch
        {
            { Current: null } or { Written: null } => NodeActions.Skip,
            { Staged: true } => NodeActions.Stage,
            _ => NodeActionRule.For(entry.Written, power),
        };
        var target = entry.Staged ? entry.Written?.StagedState is { } s ? new DryRunTarget { BootArtifacts = s.BootArtifacts, Configuration = s.Configuration, Staged = true } : null
            : entry.Written?.DesiredState is { } d ? new DryRunTarget { BootArtifacts = d.BootArtifacts, Configuration = d.Configuration } : null;
        return new DryRunNode
        {
            Id = entry.Id,
            BootSet = entry.BootSet,
            Action = action,
            Reason = entry.Reason,
            Current = entry.Current is { } c
                ? new DryRunNodeState
                {
                    Power = power,
                    BootArtifacts = c.ActualState?.BootArtifacts,
                    Configuration = c.DesiredState?.Configuration,
                    Session = c.Session,
                    Phase = c.Status?.Phase,
                    Status = ComponentStatusRule.Compute(c),
                    Enabled = c.Enabled,
                }
                : null,
            Target = target,
        };
    }

    /// <summary>Power state bucket per node; PCS failing leaves them unknown, with a warning.</summary>
    private async Task<Dictionary<string, string>> PowerAsync(IReadOnlyList<string> ids, ICollection<string> warnings, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        try
        {
            return (await pcs.GetPowerStatusAsync(ids, ct)).Where(p => p.Xname is not null)
                .GroupBy(p => p.Xname!).ToDictionary(g => g.Key, g => g.First().Bucket, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Dry run: PCS power status failed");
            warnings.Add($"Power states unknown, PCS failed: {e.GetType().Name}: {e.Message}");
            return [];
        }
    }
}
