using System.Net;
using Bos.Core.Clients;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Simulator.Tests.Clients;

/// <summary>IMS and S3 clients: what boot-set validation and session setup read.</summary>
public sealed class ImageClientTests(DemoClusterFixture cluster) : IClassFixture<DemoClusterFixture>, IDisposable
{
    private readonly ServiceProvider _services = ClientServices.For(cluster.Sim.BaseAddress);

    private IImsClient Ims => _services.GetRequiredService<IImsClient>();

    private IS3Client S3 => _services.GetRequiredService<IS3Client>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Ims_client_reads_arch_and_tags_images()
    {
        var image = await Ims.GetImageAsync(DemoImages.Aarch64);
        await Ims.TagImageAsync(DemoImages.X86, "sbps-project", "true");
        var tagged = await Ims.GetImageAsync(DemoImages.X86);

        image.Arch.Should().Be("aarch64");
        image.Link!.Path.Should().Be($"s3://boot-images/{DemoImages.Aarch64}/manifest.json");
        tagged.Metadata!["sbps-project"].Should().Be("true");
    }

    [Fact]
    public async Task Ims_404_is_image_not_found()
    {
        var missing = () => Ims.GetImageAsync("no-such-image");
        var tagMissing = () => Ims.TagImageAsync("no-such-image", "k", "v");

        (await missing.Should().ThrowAsync<ImageNotFoundException>()).Which.ImageId.Should().Be("no-such-image");
        await tagMissing.Should().ThrowAsync<ImageNotFoundException>();
    }

    [Fact]
    public async Task S3_client_reads_the_manifest_and_heads_match_its_etags()
    {
        var manifest = await S3.GetManifestAsync(S3Url.Parse($"s3://boot-images/{DemoImages.X86}/manifest.json"));
        var kernel = manifest.Artifact(ImageManifest.KernelType)!;
        var parameters = manifest.Artifact(ImageManifest.BootParametersType)!;

        var head = await S3.HeadObjectAsync(S3Url.Parse(kernel.Link.Path));
        var text = await S3.GetObjectAsync(S3Url.Parse(parameters.Link.Path));

        head.ETag.Should().Be(kernel.Link.Etag);
        head.ContentLength.Should().BeGreaterThan(0);
        System.Text.Encoding.UTF8.GetString(text.Content).Should().Contain("console=ttyS0,115200");
        manifest.Artifact(ImageManifest.InitrdType).Should().NotBeNull();
        manifest.Artifact(ImageManifest.RootfsType).Should().NotBeNull();
    }

    [Fact]
    public async Task Missing_objects_and_oversized_reads_fail()
    {
        var missing = () => S3.HeadObjectAsync(S3Url.Parse($"s3://boot-images/{DemoImages.X86}/nothing"));
        var tooBig = () => S3.GetObjectAsync(S3Url.Parse($"s3://boot-images/{DemoImages.X86}/kernel"), maxBytes: 10);

        (await missing.Should().ThrowAsync<ApiResponseException>()).Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await tooBig.Should().ThrowAsync<ServiceResponseException>();
    }

    [Theory]
    [InlineData("s3://boot-images/abc/manifest.json", "boot-images", "abc/manifest.json")]
    [InlineData("s3://b/k?versionId=2", "b", "k?versionId=2")]
    public void S3_urls_split_into_bucket_and_key(string url, string bucket, string key)
    {
        var parsed = S3Url.Parse(url);

        parsed.Bucket.Should().Be(bucket);
        parsed.Key.Should().Be(key);
        S3Url.TryParse("https://boot-images/abc", out _).Should().BeFalse();
        S3Url.TryParse("s3://bucket-only/", out _).Should().BeFalse();
    }
}
