using System.Text.RegularExpressions;

namespace Bos.Core.BootImages;

/// <summary>
/// An S3 URL split as upstream's <c>S3Url</c> (urlparse) does: bucket = host part, key = path without its leading
/// "/" (plus "?query"). An IMS image's key starts with the image id (EXT-50).
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

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*$")]
    private static partial Regex SchemeName();

    [GeneratedRegex(@"^([^/]+)/.+")]
    private static partial Regex ImsKey();
}
