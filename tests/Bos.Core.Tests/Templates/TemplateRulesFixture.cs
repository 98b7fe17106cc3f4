using Bos.Contracts.Resources;
using Bos.Core.Options;
using Bos.Core.Templates;
using Bos.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bos.Core.Tests.Templates;

/// <summary>The template rules over an in-memory S3/IMS and settable options.</summary>
public sealed class TemplateRules
{
    public InMemoryBootImageCatalog Catalog { get; } = new();
    public StaticBosOptionsSource Options { get; } = new(BosOptions.Defaults);
    public TemplateSavePipeline Pipeline { get; }
    public BootSetValidator Validator { get; }

    public TemplateRules(ISessionTemplateSchema? schema = null)
    {
        var images = new BootImageChecks(Catalog);
        Pipeline = new TemplateSavePipeline(images, Options, NullLogger<TemplateSavePipeline>.Instance, schema);
        Validator = new BootSetValidator(images, Options, NullLogger<BootSetValidator>.Instance);
    }

    public static BootSet BootSet(string path = "s3://boot-images/img-1/manifest.json", string[]? nodes = null, string? arch = null) =>
        new() { Path = path, Type = "s3", NodeList = nodes ?? ["x3000c0s1b0n0"], Arch = arch };

    public static SessionTemplate Template(params (string Name, BootSet BootSet)[] bootSets) =>
        new() { BootSets = bootSets.ToDictionary(b => b.Name, b => b.BootSet) };
}
