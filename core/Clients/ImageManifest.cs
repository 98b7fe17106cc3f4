using System.Text.Json.Serialization;

namespace Bos.Core.Clients;

/// <summary>
/// An IMS image's manifest.json in S3 (EXT-60):
/// <c>{"version","created","artifacts":[{"type","link":{"path","etag","type"},"md5"}]}</c>.
/// </summary>
public sealed record ImageManifest
{
    public const string KernelType = "application/vnd.cray.image.kernel";
    public const string InitrdType = "application/vnd.cray.image.initrd";
    public const string RootfsType = "application/vnd.cray.image.rootfs.squashfs";
    public const string BootParametersType = "application/vnd.cray.image.parameters.boot";

    /// <summary>Upstream's MAX_MANIFEST_SIZE_BYTES.</summary>
    public const long MaxSizeBytes = 1_048_576;

    [JsonPropertyName("version")] public string? Version { get; init; }

    [JsonPropertyName("created")] public string? Created { get; init; }

    [JsonPropertyName("artifacts")] public IReadOnlyList<ManifestArtifact> Artifacts { get; init; } = [];

    /// <summary>The artifacts of one type (upstream expects at most one of each).</summary>
    public IReadOnlyList<ManifestArtifact> OfType(string type) => Artifacts.Where(a => a.Type == type).ToList();

    /// <summary>The one artifact of a type, null if absent; more than one is an error (upstream requires exactly one).</summary>
    public ManifestArtifact? Artifact(string type)
    {
        var matches = OfType(type);
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            // Upstream's TooManyArtifacts text.
            _ => throw new ServiceResponseException($"Multiple {type} artifacts found in the manifest."),
        };
    }
}

public sealed record ManifestArtifact(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("link")] ManifestLink Link,
    [property: JsonPropertyName("md5")] string? Md5 = null);

public sealed record ManifestLink(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("etag")] string? Etag,
    [property: JsonPropertyName("type")] string? Type = "s3");
