using Bos.Core.Clients;

namespace Bos.Core.BootImages;

/// <summary>
/// What boot-set validation needs from S3 and IMS (DM-61 T5/T6, DM-63 V5; EXT-50, EXT-60). Answers are values,
/// not exceptions: the rules decide what is a warning and what is an error.
/// <para>
/// Error texts are shown to users inside validation messages where upstream showed
/// <c>"&lt;ExceptionType&gt;: &lt;message&gt;"</c> (e.g. "ManifestNotFound: Unable to read manifest file 's3://…'.").
/// An exception thrown by an implementation is treated as <c>Failed("&lt;ExceptionType&gt;: &lt;message&gt;")</c>.
/// </para>
/// </summary>
public interface IBootImageCatalog
{
    /// <summary>Reads and parses the image manifest at an S3 URL (the boot set's <c>path</c>).</summary>
    Task<ManifestLookup> ReadManifestAsync(string s3Url, CancellationToken cancellationToken = default);

    /// <summary>Checks that an artifact exists (S3 HEAD). An etag mismatch is not a failure (upstream only logs it).</summary>
    Task<ArtifactLookup> CheckArtifactAsync(string s3Url, string? etag, CancellationToken cancellationToken = default);

    /// <summary>Looks an image up in IMS by id.</summary>
    Task<ImsImageLookup> GetImsImageAsync(string imageId, CancellationToken cancellationToken = default);
}

/// <summary>Result of reading a manifest.</summary>
public abstract record ManifestLookup
{
    /// <summary>The manifest was read.</summary>
    public sealed record Found(ImageManifest Manifest) : ManifestLookup;

    /// <summary>S3 answered, but the manifest could not be read or parsed (upstream: an error).</summary>
    public sealed record Failed(string Error) : ManifestLookup;

    /// <summary>No S3 is available to ask (Bos: the artifacts cannot be validated, which is a warning).</summary>
    public sealed record Unavailable(string Reason) : ManifestLookup;
}

/// <summary>Result of checking one artifact.</summary>
public abstract record ArtifactLookup
{
    public sealed record Exists : ArtifactLookup;

    public sealed record Failed(string Error) : ArtifactLookup;

    public static ArtifactLookup Ok { get; } = new Exists();
}

/// <summary>Result of an IMS image lookup.</summary>
public abstract record ImsImageLookup
{
    /// <summary>The image exists; <c>Arch</c> is IMS's "arch" (null when the image has none: treated as x86_64).</summary>
    public sealed record Found(string? Arch) : ImsImageLookup;

    /// <summary>IMS answered 404.</summary>
    public sealed record NotFound : ImsImageLookup;

    /// <summary>
    /// IMS could not be asked or answered otherwise (upstream: "IMS unreachable" semantics). <c>Error</c> is
    /// "&lt;ExceptionType&gt;: &lt;message&gt;"; <c>Message</c> the message alone, which upstream's warnings show (str(err)).
    /// </summary>
    public sealed record Failed(string Error, string? Message = null) : ImsImageLookup;

    public static ImsImageLookup Missing { get; } = new NotFound();
}
