using System.Text;
using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Time;

namespace Bos.Core.Sessions.Setup;

/// <summary>
/// The kernel command line session setup gives a boot set's nodes (§3.6), space-joined in upstream's order:
/// the image's own parameters, the boot set's <c>kernel_parameters</c>, the <c>root=</c> parameter of the rootfs
/// provider, SBPS's <c>nmd_data=</c>, and <c>bos_update_frequency=</c> (how often the node reporter reports).
/// </summary>
public static class KernelParameters
{
    public const string Sbps = "sbps";
    private const string SbpsProtocol = "sbps-s3";

    /// <param name="imageParameters">The image's boot parameters (<see cref="SplitImageParameters"/>), or none.</param>
    /// <param name="bootSetName">For error messages.</param>
    /// <param name="bootSet">The boot set.</param>
    /// <param name="rootfs">The manifest's rootfs artifact, if it has one (required for SBPS).</param>
    /// <param name="actualStateTtl">The component_actual_state_ttl option.</param>
    /// <exception cref="SessionSetupException">Unsupported rootfs provider, or SBPS without a rootfs artifact.</exception>
    public static string Assemble(IReadOnlyList<string> imageParameters, string bootSetName, BootSet bootSet,
        ManifestArtifact? rootfs, string actualStateTtl)
    {
        var pieces = new List<string>(imageParameters);
        if (!string.IsNullOrEmpty(bootSet.KernelParameters)) pieces.Add(bootSet.KernelParameters);

        var provider = bootSet.RootfsProvider;
        var passthrough = bootSet.RootfsProviderPassthrough;
        if (string.IsNullOrEmpty(provider))
        {
            // Upstream's base provider: empty protocol fields, so only a passthrough yields "root=::<passthrough>".
            if (!string.IsNullOrEmpty(passthrough)) pieces.Add("root=::" + passthrough);
        }
        else if (provider == Sbps)
        {
            if (rootfs is null)
                throw SessionSetupException.Of("ArtifactNotFound", $"No artifact of type {ImageManifest.RootfsType} could be found in the image manifest.");
            var path = rootfs.Link.Path ?? "";
            var etag = rootfs.Link.Etag ?? "";
            var fields = new List<string> { SbpsProtocol, path, etag };
            if (!string.IsNullOrEmpty(passthrough)) fields.Add(passthrough);
            pieces.Add("root=" + string.Join(':', fields));
            var nmd = new List<string>();
            if (path.Length > 0) nmd.Add("url=" + path);
            if (etag.Length > 0) nmd.Add("etag=" + etag);
            if (nmd.Count > 0) pieces.Add("nmd_data=" + string.Join(',', nmd));
        }
        else
        {
            throw SessionSetupException.Of("ProviderNotImplemented", $"Unsupported rootfs_provider ('{provider}') specified in boot set: {bootSetName}");
        }

        // nodes get a lower-case unit, which every reporter can parse.
        pieces.Add("bos_update_frequency=" + DurationString.Canonical(actualStateTtl));
        return string.Join(' ', pieces);
    }

    /// <summary>An image's boot_parameters object: UTF-8 text split on whitespace.</summary>
    /// <exception cref="SessionSetupException">The bytes are not UTF-8.</exception>
    public static IReadOnlyList<string> SplitImageParameters(byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            throw SessionSetupException.Of("UnicodeDecodeError", e.Message);
        }
        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }
}
