using Bos.Contracts.Resources;

namespace Bos.Api.DryRun;

public static class DryRunAnswer
{
    /// <summary>The answer with its per-action counts; it would succeed when nothing is in <paramref name="errors"/>.</summary>
    public static DryRunReport Of(string? operation, bool? stage, IReadOnlyList<string> errors, IReadOnlyList<string> warnings,
        IReadOnlyList<DryRunNode> nodes) => new()
        {
            WouldSucceed = errors.Count == 0,
            Operation = operation,
            Stage = stage,
            Errors = errors,
            Warnings = warnings,
            Actions = nodes.GroupBy(n => n.Action).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            Nodes = nodes,
        };
}
