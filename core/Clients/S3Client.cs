using System.Text.Json;

namespace Bos.Core.Clients;

/// <summary>The S3 reads BOS makes (EXT-60): image manifests, artifact heads, boot parameter objects.</summary>
public interface IS3Client
{
    /// <summary>HEAD: the object's ETag (quotes stripped) and size. Non-2xx is <see cref="ApiResponseException"/>.</summary>
    Task<S3ObjectInfo> HeadObjectAsync(S3Url url, CancellationToken ct = default);

    /// <summary>GET the whole object; larger than <paramref name="maxBytes"/> (when given) is <see cref="S3ObjectTooLargeException"/>.</summary>
    Task<S3Object> GetObjectAsync(S3Url url, long? maxBytes = null, CancellationToken ct = default);

    /// <summary>
    /// GET and parse an image manifest as upstream does: over 1 MiB is <see cref="ManifestTooBigException"/>, text
    /// that is not JSON a <see cref="JsonException"/>, JSON that is not an object <see cref="ManifestNotFoundException"/>;
    /// failed requests throw what <see cref="GetObjectAsync"/> throws.
    /// </summary>
    Task<ImageManifest> GetManifestAsync(S3Url url, CancellationToken ct = default);
}

public sealed record S3ObjectInfo(string? ETag, long? ContentLength, string? ContentType);

public sealed record S3Object(byte[] Content, S3ObjectInfo Info);

/// <summary>
/// Path-style S3 over plain HTTP: requests are not signed, so it serves the simulator or a gateway that allows
/// anonymous reads, not a Ceph RGW that demands AWS signatures. A URL without bucket or key is an
/// <see cref="ArgumentException"/> before any request (boto3's parameter validation).
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
        var limit = maxBytes ?? long.MaxValue;
        if (info.ContentLength > limit) throw new S3ObjectTooLargeException(url, info.ContentLength.Value, limit);
        return new S3Object(await ReadAtMostAsync(response.Content, url, limit, ct), info);
    }

    public async Task<ImageManifest> GetManifestAsync(S3Url url, CancellationToken ct = default)
    {
        S3Object obj;
        try { obj = await GetObjectAsync(url, ImageManifest.MaxSizeBytes, ct); }
        catch (S3ObjectTooLargeException e) { throw new ManifestTooBigException(url, e.Size); }

        using var document = JsonDocument.Parse(obj.Content);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new ManifestNotFoundException($"Manifest should be dict. Invalid data type: {PythonTypeName(document.RootElement.ValueKind)}");
        var manifest = document.RootElement.Deserialize<ImageManifest>(ServiceCalls.Json)!;
        // A manifest is only usable with typed, linked artifacts; say so here rather than fail later on a null.
        if (manifest.Artifacts is null || manifest.Artifacts.Any(a => a?.Type is null || a.Link?.Path is null))
            throw new ServiceResponseException($"Manifest {url} has no 'artifacts' list of entries with a 'type' and a 'link' path");
        return manifest;
    }

    /// <summary>The body, refusing to buffer more than <paramref name="limit"/> bytes even without a Content-Length.</summary>
    private static async Task<byte[]> ReadAtMostAsync(HttpContent content, S3Url url, long limit, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) throw new S3ObjectTooLargeException(url, buffer.Length, limit);
        }
        return buffer.ToArray();
    }

    /// <summary>How upstream's message names the type json.loads returned.</summary>
    private static string PythonTypeName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => "int",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "NoneType",
    };

    private static S3ObjectInfo Info(HttpResponseMessage response) => new(
        response.Headers.ETag?.Tag.Trim('"'),
        response.Content.Headers.ContentLength,
        response.Content.Headers.ContentType?.MediaType);
}
