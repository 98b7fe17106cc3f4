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
    public async Task Missing_objects_oversized_reads_and_urls_without_a_key_fail()
    {
        var missing = () => S3.HeadObjectAsync(S3Url.Parse($"s3://boot-images/{DemoImages.X86}/nothing"));
        var tooBig = () => S3.GetObjectAsync(S3Url.Parse($"s3://boot-images/{DemoImages.X86}/kernel"), maxBytes: 10);
        var noKey = () => S3.HeadObjectAsync(S3Url.Parse("s3://boot-images/"));

        (await missing.Should().ThrowAsync<ApiResponseException>()).Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await tooBig.Should().ThrowAsync<S3ObjectTooLargeException>()).Which.Size.Should().BeGreaterThan(10);
        await noKey.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Manifests_over_1_MiB_are_too_big_and_must_be_json_objects_of_linked_artifacts()
    {
        var tooBig = await Publish(new string(' ', (int)ImageManifest.MaxSizeBytes) + "{}");
        var notJson = await Publish("not json");
        var list = await Publish("[1, 2]");
        var unlinked = await Publish("""{"artifacts": [{"type": "application/vnd.cray.image.kernel"}]}""");

        (await Read(tooBig).Should().ThrowAsync<ManifestTooBigException>()).Which.Message.Should()
            .Be($"{tooBig} is supposed to be an image manifest, but {ImageManifest.MaxSizeBytes + 2} bytes is too big for a manifest");
        await Read(notJson).Should().ThrowAsync<System.Text.Json.JsonException>();
        (await Read(list).Should().ThrowAsync<ManifestNotFoundException>()).Which.Message.Should()
            .Be("Manifest should be dict. Invalid data type: list");
        await Read(unlinked).Should().ThrowAsync<ServiceResponseException>();
    }

    private Func<Task<ImageManifest>> Read(S3Url url) => () => S3.GetManifestAsync(url);

    /// <summary>PUTs an object under a fresh key of the simulator's S3 and returns its URL.</summary>
    private async Task<S3Url> Publish(string content)
    {
        var key = $"test-{Guid.NewGuid():N}/manifest.json";
        using var response = await cluster.Sim.Http.PutAsync($"s3/boot-images/{key}", new StringContent(content));
        response.EnsureSuccessStatusCode();
        return S3Url.Parse($"s3://boot-images/{key}");
    }
}
