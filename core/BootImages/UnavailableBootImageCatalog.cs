namespace Bos.Core.BootImages;

/// <summary>
/// The catalog used when no S3/IMS client is configured: nothing can be checked. Validation then reports
/// "cannot validate" warnings (errors only with ims_errors_fatal), so templates and sessions still work.
/// </summary>
public sealed class UnavailableBootImageCatalog : IBootImageCatalog
{
    public const string S3Reason = "no S3 client is configured";
    public const string ImsReason = "no IMS client is configured";

    public Task<ManifestLookup> ReadManifestAsync(string s3Url, CancellationToken cancellationToken = default) =>
        Task.FromResult<ManifestLookup>(new ManifestLookup.Unavailable(S3Reason));

    public Task<ArtifactLookup> CheckArtifactAsync(string s3Url, string? etag, CancellationToken cancellationToken = default) =>
        Task.FromResult<ArtifactLookup>(new ArtifactLookup.Failed(S3Reason));

    public Task<ImsImageLookup> GetImsImageAsync(string imageId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ImsImageLookup>(new ImsImageLookup.Failed(ImsReason));
}
