using Bos.Contracts.Resources;
using Bos.Core.Options;
using Microsoft.Extensions.Logging;

namespace Bos.Core.Templates;

/// <summary>
/// Validation of a stored template's boot sets (DM-63), used by POST /v2/sessions (API-33) and
/// GET /v2/sessiontemplatesvalid (API-31): the first error wins; otherwise the warnings joined by "; ", or "Valid".
/// </summary>
public sealed class BootSetValidator(BootImageChecks images, IBosOptionsSource options, ILogger<BootSetValidator> logger)
{
    public async Task<BootSetValidation> ValidateAsync(SessionTemplate template, string operation, string templateName,
        CancellationToken ct = default)
    {
        // V1
        if (template.BootSets is not { Count: > 0 } bootSets)
            return new BootSetValidation(BootSetStatus.Error, $"Session template '{templateName}' requires at least 1 boot set.");

        var current = options.Current;
        var warnings = new List<string>();
        foreach (var (name, bootSet) in bootSets)
        {
            foreach (var finding in await CheckAsync(bootSet, operation, current, ct))
            {
                var message = $"Session template: '{templateName}' boot set: '{name}': {finding.Message}";
                if (finding.IsError)
                {
                    logger.LogError("{Message}", message);
                    return new BootSetValidation(BootSetStatus.Error, message);
                }
                logger.LogWarning("{Message}", message);
                warnings.Add(message);
            }
        }
        return warnings.Count > 0
            ? new BootSetValidation(BootSetStatus.Warning, string.Join("; ", warnings))
            : new BootSetValidation(BootSetStatus.Success, "Valid");
    }

    /// <summary>One boot set's findings in upstream's order, stopping after the first error.</summary>
    private async Task<List<BootSetFinding>> CheckAsync(BootSet bootSet, string operation, BosOptions current, CancellationToken ct)
    {
        var findings = new List<BootSetFinding>();
        bool Add(BootSetFinding? finding)
        {
            if (finding is not null) findings.Add(finding);
            return finding?.IsError != true;
        }

        if (!Add(BootSetRules.HardwareSpecifier(bootSet))) return findings;             // V2
        Add(BootSetRules.RootfsProvider(bootSet));                                       // V3
        if (!Add(BootSetRules.NidsInNodeList(bootSet, current))) return findings;       // V4
        if (operation is SessionOperations.Boot or SessionOperations.Reboot)            // V5
        {
            if (!Add(await images.ArtifactsAsync(bootSet, ct))) return findings;
            Add(await images.ImsImageAsync(bootSet, current, ct));
        }
        return findings;
    }
}
