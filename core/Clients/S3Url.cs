using System.Text.RegularExpressions;

namespace Bos.Core.Clients;

/// <summary>
/// An S3 URL split as upstream's <c>S3Url</c> (urlparse) does: bucket = host part, key = path without its leading
/// "/" (plus "?query"). Parsing never fails, as urlparse never does; whether the parts name an object is
/// <see cref="IsObjectAddress"/> (upstream found out from boto3's parameter validation). An IMS image's key starts
/// with the image id (EXT-50).
/// </summary>
public sealed partial record S3Url(string Url, string Bucket, string Key)
{
    public static S3Url Parse(string url)
    {
        var rest = url;
        var bucket = "";
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0 && SchemeName().IsMatch(rest[..scheme]))
        {
            rest = rest[(scheme + 3)..];
            var end = rest.IndexOfAny(['/', '?']);
            bucket = end < 0 ? rest : rest[..end];
            rest = end < 0 ? "" : rest[end..];
        }
        var query = rest.IndexOf('?');
        var path = query < 0 ? rest : rest[..query];
        var key = path.TrimStart('/');
        if (query >= 0 && query + 1 < rest.Length) key += rest[query..];
        return new S3Url(url, bucket, key);
    }

    /// <summary>The IMS image id (first key segment, `^([^/]+)/.+`), or null when the key does not follow that convention.</summary>
    public string? ImsImageId => ImsKey().Match(Key) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Both a bucket and a key: something S3 can be asked about.</summary>
    public bool IsObjectAddress => Bucket.Length > 0 && Key.Length > 0;

    /// <summary>Path-style request path relative to the S3 endpoint: bucket/key, each key segment escaped.</summary>
    public string RequestPath()
    {
        if (!IsObjectAddress) throw new ArgumentException($"'{Url}' does not name an S3 bucket and key", nameof(Url));
        return Uri.EscapeDataString(Bucket) + "/" + string.Join('/', Key.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>The URL as given (upstream's <c>s3url.url</c>), as it appears in messages.</summary>
    public override string ToString() => Url;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*$")]
    private static partial Regex SchemeName();

    [GeneratedRegex(@"^([^/]+)/.+")]
    private static partial Regex ImsKey();
}
