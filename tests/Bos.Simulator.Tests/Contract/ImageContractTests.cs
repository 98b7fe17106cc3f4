using System.Net;
using System.Security.Cryptography;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Xunit;

namespace Bos.Simulator.Tests.Contract;

/// <summary>EXT-50/60: IMS images with arch, and S3 manifests whose etags match the objects.</summary>
public sealed class ImageContractTests(DemoClusterFixture cluster) : IClassFixture<DemoClusterFixture>
{
    private TestSimulator Sim => cluster.Sim;

    [Theory]
    [InlineData(DemoImages.X86, "x86_64")]
    [InlineData(DemoImages.Aarch64, "aarch64")]
    public async Task Ims_image_has_arch_and_links_its_manifest(string id, string arch)
    {
        var image = await Sim.GetJsonAsync($"ims/v3/images/{id}");

        image.GetProperty("id").GetString().Should().Be(id);
        image.GetProperty("arch").GetString().Should().Be(arch);
        image.GetProperty("link").GetProperty("path").GetString().Should().Be($"s3://boot-images/{id}/manifest.json");
    }

    [Fact]
    public async Task Unknown_image_is_404_and_metadata_can_be_set()
    {
        using var unknown = await Sim.Http.GetAsync("ims/v3/images/does-not-exist");
        using var tagged = await Sim.SendJsonAsync(HttpMethod.Patch, $"ims/v3/images/{DemoImages.Aarch64}",
            new { metadata = new { operation = "set", key = "sbps-project", value = "true" } });
        var image = await Sim.GetJsonAsync($"ims/v3/images/{DemoImages.Aarch64}");

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        tagged.StatusCode.Should().Be(HttpStatusCode.OK);
        image.GetProperty("metadata").GetProperty("sbps-project").GetString().Should().Be("true");
    }

    [Fact]
    public async Task Manifest_has_one_artifact_per_type_and_each_etag_is_what_head_reports()
    {
        var manifest = await Sim.GetJsonAsync($"s3/boot-images/{DemoImages.X86}/manifest.json");
        var artifacts = manifest.GetProperty("artifacts").EnumerateArray().ToList();

        artifacts.Select(a => a.GetProperty("type").GetString()).Should().BeEquivalentTo(
            "application/vnd.cray.image.kernel", "application/vnd.cray.image.initrd",
            "application/vnd.cray.image.rootfs.squashfs", "application/vnd.cray.image.parameters.boot");
        foreach (var artifact in artifacts)
        {
            var link = artifact.GetProperty("link");
            var key = link.GetProperty("path").GetString()!["s3://".Length..];
            using var head = await Sim.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"s3/{key}"));
            var body = await Sim.Http.GetByteArrayAsync($"s3/{key}");

            head.StatusCode.Should().Be(HttpStatusCode.OK);
            head.Headers.ETag!.Tag.Trim('"').Should().Be(link.GetProperty("etag").GetString());
            Convert.ToHexStringLower(MD5.HashData(body)).Should().Be(link.GetProperty("etag").GetString());
        }
    }

    [Fact]
    public async Task Boot_parameters_object_is_text_and_images_may_publish_none()
    {
        var text = await Sim.Http.GetStringAsync($"s3/boot-images/{DemoImages.X86}/boot_parameters");
        var uan = await Sim.GetJsonAsync($"s3/boot-images/{DemoImages.UanWithoutBootParameters}/manifest.json");
        using var missing = await Sim.Http.GetAsync($"s3/boot-images/{DemoImages.X86}/nothing");

        text.Split(' ').Should().Contain("console=ttyS0,115200");
        uan.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("type").GetString())
            .Should().NotContain("application/vnd.cray.image.parameters.boot");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("<Code>NoSuchKey</Code>");
    }
}
