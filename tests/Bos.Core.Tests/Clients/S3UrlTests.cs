using Bos.Core.Clients;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Clients;

/// <summary>EXT-50/EXT-60: S3 URL parts, the IMS image id convention and the path-style request path.</summary>
public sealed class S3UrlTests
{
    [Theory]
    [InlineData("s3://boot-images/abc-123/manifest.json", "boot-images", "abc-123/manifest.json", "abc-123")]
    [InlineData("s3://boot-images/abc/manifest.json?versionId=2", "boot-images", "abc/manifest.json?versionId=2", "abc")]
    [InlineData("s3://boot-images/manifest.json", "boot-images", "manifest.json", null)]
    [InlineData("s3://boot-images/abc/", "boot-images", "abc/", null)]
    [InlineData("s3://bucket-only", "bucket-only", "", null)]
    [InlineData("https://boot-images/abc/kernel", "boot-images", "abc/kernel", "abc")]
    [InlineData("boot-images/abc/manifest.json", "", "boot-images/abc/manifest.json", "boot-images")]
    public void Splits_bucket_and_key_like_urlparse(string url, string bucket, string key, string? imageId)
    {
        var parsed = S3Url.Parse(url);
        parsed.Bucket.Should().Be(bucket);
        parsed.Key.Should().Be(key);
        parsed.ImsImageId.Should().Be(imageId);
        parsed.ToString().Should().Be(url);
    }

    [Theory]
    [InlineData("s3://boot-images/abc/manifest.json", "boot-images/abc/manifest.json")]
    [InlineData("s3://b/dir name/k?versionId=2", "b/dir%20name/k%3FversionId%3D2")]
    public void Request_path_is_path_style_with_escaped_segments(string url, string path) =>
        S3Url.Parse(url).RequestPath().Should().Be(path);

    [Theory]
    [InlineData("s3://bucket-only")]
    [InlineData("s3://bucket-only/")]
    [InlineData("no-scheme/key")]
    public void A_url_without_bucket_or_key_names_no_object(string url)
    {
        var parsed = S3Url.Parse(url);

        parsed.IsObjectAddress.Should().BeFalse();
        parsed.Invoking(p => p.RequestPath()).Should().Throw<ArgumentException>();
    }
}
