using Bos.Core.BootImages;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.BootImages;

/// <summary>EXT-50/EXT-60: S3 URL parts and the IMS image id convention.</summary>
public sealed class S3UrlTests
{
    [Theory]
    [InlineData("s3://boot-images/abc-123/manifest.json", "boot-images", "abc-123/manifest.json", "abc-123")]
    [InlineData("s3://boot-images/abc/manifest.json?versionId=2", "boot-images", "abc/manifest.json?versionId=2", "abc")]
    [InlineData("s3://boot-images/manifest.json", "boot-images", "manifest.json", null)]
    [InlineData("s3://boot-images/abc/", "boot-images", "abc/", null)]
    [InlineData("s3://bucket-only", "bucket-only", "", null)]
    [InlineData("boot-images/abc/manifest.json", "", "boot-images/abc/manifest.json", "boot-images")]
    public void Splits_bucket_and_key_like_urlparse(string url, string bucket, string key, string? imageId)
    {
        var parsed = S3Url.Parse(url);
        parsed.Bucket.Should().Be(bucket);
        parsed.Key.Should().Be(key);
        parsed.ImsImageId.Should().Be(imageId);
    }
}
