namespace Bos.Core.Clients;

/// <summary>
/// An S3 object is larger than the reader allows. <see cref="Size"/> is S3's Content-Length, or without one the
/// bytes read before giving up (reading stops there: no unbounded buffering).
/// </summary>
public sealed class S3ObjectTooLargeException(S3Url url, long size, long limit)
    : Exception($"{url} is larger than the {limit} bytes allowed")
{
    public long Size { get; } = size;
}

/// <summary>Upstream's ManifestTooBig: the object at a manifest URL is over <see cref="ImageManifest.MaxSizeBytes"/>.</summary>
public sealed class ManifestTooBigException(S3Url url, long size)
    : Exception($"{url} is supposed to be an image manifest, but {size} bytes is too big for a manifest");

/// <summary>Upstream's ManifestNotFound raised for a manifest that is JSON but not an object.</summary>
public sealed class ManifestNotFoundException(string message) : Exception(message);
