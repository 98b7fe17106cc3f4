using System.Text.Json;

namespace Bos.Core.Clients;

/// <summary>The S3 reads BOS makes (EXT-60): image manifests, artifact heads, boot parameter objects.</summary>
public interface IS3Client
{
    /// <summary>HEAD: the object's ETag (quotes stripped) and size.</summary>
    Task<S3ObjectInfo> HeadObjectAsync(S3Url url, CancellationToken ct = default);

    /// <summary>GET the whole object; larger than <paramref name="maxBytes"/> (when given) is an error.</summary>
    Task<S3Object> GetObjectAsync(S3Url url, long? maxBytes = null, CancellationToken ct = default);

    /// <summary>GET and parse an image manifest (at most 1 MiB, a JSON object).</summary>
    Task<ImageManifest> GetManifestAsync(S3Url url, CancellationToken ct = default);
}

public sealed record S3ObjectInfo(string? ETag, long? ContentLength, string? ContentType);

public sealed record S3Object(byte[] Content, S3ObjectInfo Info);

/// <summary>
/// Path-style S3 over plain HTTP: requests are not signed, so it serves the simulator or a gateway that allows
/// anonymous reads, not a Ceph RGW that demands AWS signatures.
/// </summary>
internal sealed class S3Client(HttpClient http) : IS3Client
{
    private const string Service = "s3";

    public async Task<S3ObjectInfo> HeadObjectAsync(S3Url url, CancellationToken ct = default)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url.RequestPath()), ct);
        await response.EnsureSuccessAsync(Service, ct);
        return Info(response);
    }

    public async Task<S3Object> GetObjectAsync(S3Url url, long? maxBytes = null, CancellationToken ct = default)
    {
        using var response = await http.GetAsync(url.RequestPath(), HttpCompletionOption.ResponseHeadersRead, ct);
        await response.EnsureSuccessAsync(Service, ct);
        var info = Info(response);
        if (maxBytes is { } max && info.ContentLength > max)
            throw new ServiceResponseException($"{url} is {info.ContentLength} bytes; at most {max} are allowed");
        var content = await response.Content.ReadAsByteArrayAsync(ct);
        if (maxBytes is { } limit && content.LongLength > limit)
            throw new ServiceResponseException($"{url} is {content.LongLength} bytes; at most {limit} are allowed");
        return new S3Object(content, info);
    }

    public async Task<ImageManifest> GetManifestAsync(S3Url url, CancellationToken ct = default)
    {
        var obj = await GetObjectAsync(url, ImageManifest.MaxSizeBytes, ct);
        try
        {
            return JsonSerializer.Deserialize<ImageManifest>(obj.Content, ServiceCalls.Json)
                   ?? throw new ServiceResponseException($"Manifest {url} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new ServiceResponseException($"Manifest {url} is not valid JSON: {e.Message}");
        }
    }

    private static S3ObjectInfo Info(HttpResponseMessage response) => new(
        response.Headers.ETag?.Tag.Trim('"'),
        response.Content.Headers.ContentLength,
        response.Content.Headers.ContentType?.MediaType);
}
