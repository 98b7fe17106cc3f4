using Bos.Contracts.Resources;
using Bos.Core.BootImages;
using Bos.Core.Clients;
using Bos.Core.Options;

namespace Bos.Core.Templates;

/// <summary>
/// The boot image checks of a boot set (DM-61 T5/T6, DM-63 V5): its S3 artifacts and its IMS image. Each returns
/// the first problem found, as upstream raised one exception per check.
/// </summary>
public sealed class BootImageChecks(IBootImageCatalog catalog)
{
    private static readonly IReadOnlyDictionary<string, string> ExpectedImsArch = new Dictionary<string, string>
    {
        [BootSetArchs.Arm] = "aarch64",
        [BootSetArchs.Unknown] = "x86_64",
        [BootSetArchs.X86] = "x86_64",
    };

    private const string DefaultImsArch = "x86_64";

    /// <summary>validate_boot_artifacts: manifest and kernel problems are errors; initrd and boot_parameters ones warnings.</summary>
    public async Task<BootSetFinding?> ArtifactsAsync(BootSet bootSet, CancellationToken ct)
    {
        if (bootSet.Type != "s3")
            return CantFind($"BootImageMetaDataUnknown: No BootImageMetaData class for type {bootSet.Type}");

        var url = bootSet.Path ?? "";
        ImageManifest manifest;
        switch (await Ask(() => catalog.ReadManifestAsync(url, ct), e => new ManifestLookup.Failed(e)))
        {
            case ManifestLookup.Found found: manifest = found.Manifest; break;
            case ManifestLookup.Unavailable unavailable: return BootSetFinding.Warning($"Can't validate boot artifacts: {unavailable.Reason}");
            case ManifestLookup.Failed failed: return CantFind(failed.Error);
            default: throw new InvalidOperationException("Unknown manifest lookup result");
        }

        string[] singles = [ImageManifest.KernelType, ImageManifest.InitrdType, ImageManifest.RootfsType, ImageManifest.BootParametersType];
        if (singles.FirstOrDefault(t => manifest.OfType(t).Count > 1) is { } duplicated)
            return CantFind($"TooManyArtifacts: Multiple {duplicated} artifacts found in the manifest.");

        var kernel = manifest.OfType(ImageManifest.KernelType).SingleOrDefault();
        if (kernel is null)
            return BootSetFinding.Error($"Can't find kernel in {url}. Error: ArtifactNotFound: No artifact of type "
                                        + $"{ImageManifest.KernelType} could be found in the image manifest.");
        if (await Check(kernel, ct) is ArtifactLookup.Failed kernelFailure)
            return BootSetFinding.Error($"Can't find kernel in {url}. Error: {kernelFailure.Error}");

        foreach (var (name, type) in new[] { ("initrd", ImageManifest.InitrdType), ("boot_parameters", ImageManifest.BootParametersType) })
        {
            var artifact = manifest.OfType(type).SingleOrDefault();
            if (artifact is null)
            {
                // Plenty of images lack boot_parameters: upstream only logs that at info level.
                if (name == "boot_parameters") continue;
                return BootSetFinding.Warning($"{url} doesn't contain a {name}");
            }
            if (await Check(artifact, ct) is ArtifactLookup.Failed failure)
                return BootSetFinding.Warning($"Unable to check {name} in {url}. Warning: {failure.Error}");
        }
        return null;
    }

    /// <summary>validate_ims_boot_image: the image's IMS arch must match the boot set's (X86/Unknown → x86_64, ARM → aarch64).</summary>
    public async Task<BootSetFinding?> ImsImageAsync(BootSet bootSet, BosOptions options, CancellationToken ct)
    {
        var url = bootSet.Path ?? "";
        var arch = bootSet.Arch ?? BootSetArchs.Default;
        if (S3Url.Parse(url).ImsImageId is not { } imageId)
            return BootSetFinding.Warning($"Boot artifact S3 URL '{url}' doesn't follow convention for IMS images");

        string? imsArch;
        switch (await Ask(() => catalog.GetImsImageAsync(imageId, ct), e => new ImsImageLookup.Failed(e)))
        {
            case ImsImageLookup.NotFound:
                var missing = $"IMS image id '{imageId}' does not exist in IMS";
                return options.ImsImagesMustExist ? BootSetFinding.Error(missing) : BootSetFinding.Warning(missing);
            case ImsImageLookup.Failed failed:
                if (options.ImsErrorsFatal) return BootSetFinding.Error(failed.Error);
                // Upstream's warnings carry str(err), its error exc_type_msg(err).
                var reason = failed.Message ?? failed.Error;
                return BootSetFinding.Warning(arch == BootSetArchs.Other ? reason : CantValidateArch(reason));
            case ImsImageLookup.Found found:
                imsArch = string.IsNullOrEmpty(found.Arch) ? DefaultImsArch : found.Arch;
                break;
            default:
                throw new InvalidOperationException("Unknown IMS lookup result");
        }

        if (arch == BootSetArchs.Other) return BootSetFinding.Warning(CantValidateArch("Boot set arch set to 'Other'"));
        var expected = ExpectedImsArch[arch];
        return expected == imsArch
            ? null
            : BootSetFinding.Error($"Boot set arch '{arch}' means IMS image arch should be '{expected}', but actual IMS image arch is '{imsArch}'",
                "BootSetArchMismatch");
    }

    private Task<ArtifactLookup> Check(ManifestArtifact artifact, CancellationToken ct) =>
        Ask(() => catalog.CheckArtifactAsync(artifact.Link.Path, artifact.Link.Etag, ct), e => new ArtifactLookup.Failed(e));

    /// <summary>A catalog that throws is answered as upstream treated any exception: a failure "&lt;Type&gt;: &lt;message&gt;".</summary>
    private static async Task<T> Ask<T>(Func<Task<T>> lookup, Func<string, T> failed)
    {
        try { return await lookup(); }
        catch (Exception ex) when (ex is not OperationCanceledException) { return failed($"{ex.GetType().Name}: {ex.Message}"); }
    }

    private static BootSetFinding CantFind(string error) => BootSetFinding.Error($"Can't find boot artifacts. Error: {error}");

    private static string CantValidateArch(string reason) => $"Can't validate boot image arch: {reason}";
}
