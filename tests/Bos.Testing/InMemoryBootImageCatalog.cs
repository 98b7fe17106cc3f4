using System.Collections.Concurrent;
using Bos.Core.BootImages;
using Bos.Core.Clients;

namespace Bos.Testing;

/// <summary>
/// S3 and IMS in memory, for the boot-set rules: manifests by URL, existing artifact URLs, IMS images by id.
/// Anything unknown is absent (manifest unreadable, artifact missing, image 404), answered with upstream's texts.
/// </summary>
public sealed class InMemoryBootImageCatalog : IBootImageCatalog
{
    public ConcurrentDictionary<string, ImageManifest> Manifests { get; } = new();
    public ConcurrentDictionary<string, bool> ExistingArtifacts { get; } = new();
    public ConcurrentDictionary<string, string?> ImsImages { get; } = new();

    /// <summary>When set, every IMS lookup fails with this "&lt;Type&gt;: &lt;message&gt;" text (IMS unreachable).</summary>
    public string? ImsFailure { get; set; }

    /// <summary>When set, S3 cannot be asked at all.</summary>
    public string? S3Unavailable { get; set; }

    /// <summary>
    /// Adds an IMS image with a manifest at s3://boot-images/{id}/manifest.json (returned) whose artifacts exist.
    /// </summary>
    public string AddImage(string imageId, string? arch = "x86_64", bool initrd = true, bool bootParameters = false)
    {
        var prefix = $"s3://boot-images/{imageId}";
        var artifacts = new List<ManifestArtifact> { Artifact(ImageManifest.KernelType, $"{prefix}/kernel", "k-etag") };
        if (initrd) artifacts.Add(Artifact(ImageManifest.InitrdType, $"{prefix}/initrd", "i-etag"));
        if (bootParameters) artifacts.Add(Artifact(ImageManifest.BootParametersType, $"{prefix}/boot_parameters", "b-etag"));
        artifacts.Add(Artifact(ImageManifest.RootfsType, $"{prefix}/rootfs", "r-etag"));
        foreach (var artifact in artifacts) ExistingArtifacts[artifact.Link.Path] = true;
        Manifests[$"{prefix}/manifest.json"] = new ImageManifest { Artifacts = artifacts };
        ImsImages[imageId] = arch;
        return $"{prefix}/manifest.json";
    }

    public Task<ManifestLookup> ReadManifestAsync(string s3Url, CancellationToken cancellationToken = default) =>
        Task.FromResult<ManifestLookup>(
            S3Unavailable is { } reason ? new ManifestLookup.Unavailable(reason)
            : Manifests.TryGetValue(s3Url, out var manifest) ? new ManifestLookup.Found(manifest)
            : new ManifestLookup.Failed($"ManifestNotFound: Unable to read manifest file '{s3Url}'."));

    public Task<ArtifactLookup> CheckArtifactAsync(string s3Url, string? etag, CancellationToken cancellationToken = default) =>
        Task.FromResult(ExistingArtifacts.ContainsKey(s3Url)
            ? ArtifactLookup.Ok
            : new ArtifactLookup.Failed($"S3ObjectNotFound: s3 object {s3Url} was not found."));

    public Task<ImsImageLookup> GetImsImageAsync(string imageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            ImsFailure is { } failure ? new ImsImageLookup.Failed(failure, failure.Split(": ", 2) is [_, var message] ? message : null)
            : ImsImages.TryGetValue(imageId, out var arch) ? new ImsImageLookup.Found(arch)
            : ImsImageLookup.Missing);

    /// <summary>A manifest entry as IMS writes it.</summary>
    public static ManifestArtifact Artifact(string type, string path, string? etag) => new(type, new ManifestLink(path, etag));
}
