namespace Bos.Core.BootImages;

/// <summary>
/// An image manifest (EXT-60): <c>{"version","created","artifacts":[{"type","link":{"path","etag","type"},"md5"}]}</c>,
/// reduced to what BOS reads.
/// </summary>
public sealed record BootImageManifest(IReadOnlyList<ManifestArtifact> Artifacts)
{
    public const string KernelType = "application/vnd.cray.image.kernel";
    public const string InitrdType = "application/vnd.cray.image.initrd";
    public const string RootfsType = "application/vnd.cray.image.rootfs.squashfs";
    public const string BootParametersType = "application/vnd.cray.image.parameters.boot";

    /// <summary>The artifacts of one type (upstream expects at most one of each).</summary>
    public IReadOnlyList<ManifestArtifact> OfType(string type) => Artifacts.Where(a => a.Type == type).ToList();
}

/// <summary>One manifest artifact: its MIME type and the S3 link.</summary>
public sealed record ManifestArtifact(string Type, string Path, string? Etag);
