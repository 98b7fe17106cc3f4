using Bos.Api.ApplyStaged;
using Bos.Contracts.Resources;
using Bos.Core.Components;

namespace Bos.Api.DryRun;

/// <summary>
/// POST /v2/applystaged/dryrun: what POST /v2/applystaged with the same ids would do, through the same selection
/// (<see cref="ApplyStagedService.SelectAsync"/>) and rule (<see cref="StagedStateRule"/>); writes nothing.
/// </summary>
public sealed class StagedDryRunService(ApplyStagedService applyStaged, NodePreview preview)
{
    public async Task<DryRunReport> RunAsync(string? tenant, IReadOnlyList<string> xnames, CancellationToken ct)
    {
        var selection = await applyStaged.SelectAsync(tenant, xnames, ct);
        var entries = new List<PreviewEntry>();
        foreach (var (id, record) in selection.Staged)
        {
            var name = record.StagedState!.Session!;
            var (applied, error) = StagedStateRule.Apply(record, selection.Sessions.GetValueOrDefault(name), name, tenant);
            entries.Add(error is null
                ? new PreviewEntry(id, record, applied, null, null, false)
                : new PreviewEntry(id, record, null, null, "would fail: " + error, false));
        }
        var warnings = new List<string>();
        if (selection.Ignored.Count > 0)
            warnings.Add($"Ignored (nothing staged, or not the tenant's): {string.Join(",", selection.Ignored)}");
        var nodes = await preview.DescribeAsync(entries, warnings, ct);
        var errors = entries.Where(e => e.Written is null).Select(e => $"{e.Id}: {e.Reason}").ToList();
        return DryRunAnswer.Of(null, null, errors, warnings, nodes);
    }
}
