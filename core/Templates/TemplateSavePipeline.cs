using Bos.Contracts.Resources;
using Bos.Core.Options;
using Microsoft.Extensions.Logging;

namespace Bos.Core.Templates;

/// <summary>
/// The template save pipeline of PUT and PATCH (DM-61, upstream validate_sanitize_session_template): checks
/// T1–T9 and returns the document to store, or throws <see cref="TemplateRuleException"/> with upstream's message.
/// </summary>
public sealed class TemplateSavePipeline(
    BootImageChecks images,
    IBosOptionsSource options,
    ILogger<TemplateSavePipeline> logger,
    ISessionTemplateSchema? schema = null)
{
    public async Task<SessionTemplate> SanitizeAsync(string name, SessionTemplate template, CancellationToken ct = default)
    {
        // T1
        if (template.BootSets is null) throw new TemplateRuleException("Missing required 'boot_sets' field");
        if (template.BootSets.Count == 0) throw new TemplateRuleException("Session templates must contain at least one boot set");

        var current = options.Current;
        var bootSets = new Dictionary<string, BootSet>();
        foreach (var (key, bootSet) in template.BootSets)
            bootSets[key] = await SanitizeBootSetAsync(key, bootSet, current, ct);

        // T9: the path id names the template; an empty cfs means none; the document must still fit the schema.
        var sanitized = template with { Name = name, Cfs = WithoutEmptyCfs(template.Cfs), BootSets = bootSets };
        if (schema?.Validate(sanitized) is { } violation) throw new TemplateRuleException(violation);
        return sanitized with { BootSets = bootSets.ToDictionary(b => b.Key, b => b.Value with { Name = null }) };
    }

    private async Task<BootSet> SanitizeBootSetAsync(string key, BootSet bootSet, BosOptions current, CancellationToken ct)
    {
        // T2
        if (bootSet.Name is not null && bootSet.Name != key)
            throw new TemplateRuleException($"boot_sets key ({key}) does not match 'name' field of corresponding boot set ({bootSet.Name})");
        // T3, T4
        bootSet = bootSet with { Name = key, Arch = bootSet.Arch ?? BootSetArchs.Default, Cfs = WithoutEmptyCfs(bootSet.Cfs) };

        // T5: at save time artifact problems are only logged.
        if (await images.ArtifactsAsync(bootSet, ct) is { } artifacts)
            logger.LogWarning("Boot set '{BootSet}': {Problem}", key, artifacts.Message);

        // T6: IMS warnings are logged, IMS errors (arch mismatch, missing image, fatal IMS errors) reject the template.
        if (await images.ImsImageAsync(bootSet, current, ct) is { } image)
        {
            if (image.IsError) throw new TemplateRuleException($"{image.Kind}: {image.Message}");
            logger.LogWarning("Boot set '{BootSet}': {Problem}", key, image.Message);
        }

        // T7
        if (BootSetRules.HardwareSpecifier(bootSet) is { } hardware) throw new TemplateRuleException($"Boot set {key}: {hardware.Message}");

        // T8
        if (bootSet.NodeList is null) return bootSet;
        if (BootSetRules.NidsInNodeList(bootSet, current) is { } nids)
        {
            if (nids.IsError) throw new TemplateRuleException($"Boot set {key}: {nids.Message}");
            logger.LogWarning("Boot set {BootSet}: {Problem}", key, nids.Message);
        }
        return bootSet with { NodeList = bootSet.NodeList.Select(BootSetRules.CanonicalXname).ToList() };
    }

    private static Cfs? WithoutEmptyCfs(Cfs? cfs) => string.IsNullOrEmpty(cfs?.Configuration) ? null : cfs;
}
