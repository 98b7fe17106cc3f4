namespace Bos.Core.Clients;

/// <summary>An s3://bucket/key address (EXT-60: bucket = host part, key = path without its leading '/', plus any query).</summary>
public readonly record struct S3Url(string Bucket, string Key)
{
    public static S3Url Parse(string url)
    {
        if (!TryParse(url, out var parsed)) throw new FormatException($"Not an s3://bucket/key URL: {url}");
        return parsed;
    }

    public static bool TryParse(string? url, out S3Url parsed)
    {
        parsed = default;
        if (url is null || !url.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)) return false;
        var rest = url[5..];
        var slash = rest.IndexOf('/');
        if (slash <= 0 || slash == rest.Length - 1) return false;
        parsed = new S3Url(rest[..slash], rest[(slash + 1)..]);
        return true;
    }

    /// <summary>Path-style request path relative to the S3 endpoint: bucket/key, each key segment escaped.</summary>
    public string RequestPath() =>
        Uri.EscapeDataString(Bucket) + "/" + string.Join('/', Key.Split('/').Select(Uri.EscapeDataString));

    public override string ToString() => $"s3://{Bucket}/{Key}";
}
