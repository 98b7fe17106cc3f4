using System.Text.Json;
using Bos.Core.Clients;
using Microsoft.Extensions.Logging;

namespace Bos.Core.BootImages;

/// <summary>
/// The catalog over the S3 and IMS clients (EXT-50, EXT-60), answering with upstream's texts:
/// a manifest that cannot be fetched is "ManifestNotFound: Unable to read manifest file '&lt;url&gt;'." (whatever the
/// cause: missing, S3 error, S3 unreachable), an oversized one "ManifestTooBig: …", one that is not JSON
/// "JSONDecodeError: …"; an artifact S3 answers an error for is "S3ObjectNotFound: s3 object &lt;url&gt; was not found.";
/// an IMS 404 is <see cref="ImsImageLookup.NotFound"/>, any other IMS failure <see cref="ImsImageLookup.Failed"/>.
/// </summary>
/// <remarks>
/// The typed clients are captured by this singleton on purpose: their primary handler recycles pooled connections
/// (SocketsHttpHandler.PooledConnectionLifetime), which is what IHttpClientFactory's rotation is otherwise for.
/// </remarks>
public sealed class ClientBootImageCatalog(IS3Client s3, IImsClient ims, ILogger<ClientBootImageCatalog> logger) : IBootImageCatalog
{
    public async Task<ManifestLookup> ReadManifestAsync(string s3Url, CancellationToken cancellationToken = default)
    {
        try
        {
            return new ManifestLookup.Found(await s3.GetManifestAsync(S3Url.Parse(s3Url), cancellationToken));
        }
        catch (Exception e) when (e is ManifestTooBigException or ManifestNotFoundException or JsonException)
        {
            logger.LogError("Unable to use manifest {Url}: {Error}", s3Url, e.Message);
            return new ManifestLookup.Failed(UpstreamErrorText.Of(e));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Upstream wraps every failure to fetch the manifest, keeping the cause for its debug log only.
            var message = $"Unable to read manifest file '{s3Url}'.";
            logger.LogError("{Message}", message);
            logger.LogDebug(e, "Reading manifest {Url} failed: {Error}", s3Url, UpstreamErrorText.Of(e));
            return new ManifestLookup.Failed($"ManifestNotFound: {message}");
        }
    }

    public async Task<ArtifactLookup> CheckArtifactAsync(string s3Url, string? etag, CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await s3.HeadObjectAsync(S3Url.Parse(s3Url), cancellationToken);
            if (!string.IsNullOrEmpty(etag) && etag != head.ETag)
                logger.LogWarning("s3 object {Url} was found, but has an etag '{Actual}' that does not match what BOS has '{Expected}'.",
                    s3Url, head.ETag, etag);
            return ArtifactLookup.Ok;
        }
        catch (ApiResponseException e)
        {
            // S3 answered (boto3's ClientError): upstream's S3ObjectNotFound, whatever the status.
            var message = $"s3 object {s3Url} was not found.";
            logger.LogError("{Message}", message);
            logger.LogDebug("HEAD {Url}: {Error}", s3Url, UpstreamErrorText.Of(e));
            return new ArtifactLookup.Failed($"S3ObjectNotFound: {message}");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new ArtifactLookup.Failed(UpstreamErrorText.Of(e));
        }
    }

    public async Task<ImsImageLookup> GetImsImageAsync(string imageId, CancellationToken cancellationToken = default)
    {
        try
        {
            return new ImsImageLookup.Found((await ims.GetImageAsync(imageId, cancellationToken)).RawArch);
        }
        catch (ImageNotFoundException)
        {
            return ImsImageLookup.Missing;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new ImsImageLookup.Failed(UpstreamErrorText.Of(e), e.Message);
        }
    }
}
