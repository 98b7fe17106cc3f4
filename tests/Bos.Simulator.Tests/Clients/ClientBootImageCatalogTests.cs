using Bos.Core.BootImages;
using Bos.Core.Clients;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Simulator.Tests.Clients;

/// <summary>The boot image catalog over the S3 and IMS clients: upstream's answers and texts (DM-63 V5, EXT-50/60).</summary>
public sealed class ClientBootImageCatalogTests(DemoClusterFixture cluster) : IClassFixture<DemoClusterFixture>, IDisposable
{
    private readonly ServiceProvider _services = ClientServices.For(cluster.Sim.BaseAddress);

    private IBootImageCatalog Catalog => Create(_services);

    public void Dispose() => _services.Dispose();

    private static IBootImageCatalog Create(IServiceProvider services) => ActivatorUtilities.CreateInstance<ClientBootImageCatalog>(services);

    [Fact]
    public async Task A_demo_image_has_a_manifest_whose_artifacts_exist_and_an_IMS_arch()
    {
        var lookup = await Catalog.ReadManifestAsync($"s3://boot-images/{DemoImages.Aarch64}/manifest.json");
        var manifest = lookup.Should().BeOfType<ManifestLookup.Found>().Subject.Manifest;
        var kernel = manifest.Artifact(ImageManifest.KernelType)!;

        (await Catalog.CheckArtifactAsync(kernel.Link.Path, kernel.Link.Etag)).Should().Be(ArtifactLookup.Ok);
        (await Catalog.CheckArtifactAsync(kernel.Link.Path, "another-etag")).Should().Be(ArtifactLookup.Ok, "an etag mismatch is only logged");
        (await Catalog.GetImsImageAsync(DemoImages.Aarch64)).Should().Be(new ImsImageLookup.Found("aarch64"));
    }

    [Fact]
    public async Task Missing_manifests_artifacts_and_images_get_upstreams_answers()
    {
        const string manifest = "s3://boot-images/no-such-image/manifest.json";
        var artifact = $"s3://boot-images/{DemoImages.X86}/no-such-artifact";

        (await Catalog.ReadManifestAsync(manifest)).Should()
            .Be(new ManifestLookup.Failed($"ManifestNotFound: Unable to read manifest file '{manifest}'."));
        (await Catalog.ReadManifestAsync("s3://boot-images")).Should()
            .Be(new ManifestLookup.Failed("ManifestNotFound: Unable to read manifest file 's3://boot-images'."));
        (await Catalog.CheckArtifactAsync(artifact, null)).Should()
            .Be(new ArtifactLookup.Failed($"S3ObjectNotFound: s3 object {artifact} was not found."));
        (await Catalog.GetImsImageAsync("no-such-image")).Should().Be(ImsImageLookup.Missing);
    }

    [Fact]
    public async Task Oversized_non_json_and_non_object_manifests_fail_with_upstreams_exception_names()
    {
        var tooBig = await Publish(new string(' ', (int)ImageManifest.MaxSizeBytes + 1));
        var notJson = await Publish("{not json");
        var list = await Publish("[]");

        (await Catalog.ReadManifestAsync(tooBig)).Should().Be(new ManifestLookup.Failed(
            $"ManifestTooBig: {tooBig} is supposed to be an image manifest, but {ImageManifest.MaxSizeBytes + 1} bytes is too big for a manifest"));
        (await Catalog.ReadManifestAsync(notJson)).Should().BeOfType<ManifestLookup.Failed>()
            .Which.Error.Should().StartWith("JSONDecodeError: ");
        (await Catalog.ReadManifestAsync(list)).Should()
            .Be(new ManifestLookup.Failed("ManifestNotFound: Manifest should be dict. Invalid data type: list"));
    }

    [Fact]
    public async Task Ims_errors_other_than_404_are_failures_with_the_type_for_errors_and_the_message_for_warnings()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress);
        await sim.SetFaultsAsync(new { services = new { ims = new { errorRate = 1.0, errorStatus = 500 } } });

        var failed = (await Create(services).GetImsImageAsync(DemoImages.X86)).Should().BeOfType<ImsImageLookup.Failed>().Subject;

        failed.Error.Should().StartWith("ApiResponseError: Non-2XX response (500) to GET ");
        failed.Message.Should().StartWith("Non-2XX response (500) to GET ");
    }

    [Fact]
    public async Task Unreachable_services_are_failures_not_exceptions()
    {
        await using var nowhere = ClientServices.For(new Uri("http://127.0.0.1:9/"));
        var catalog = Create(nowhere);
        const string manifest = "s3://boot-images/img/manifest.json";

        (await catalog.ReadManifestAsync(manifest)).Should()
            .Be(new ManifestLookup.Failed($"ManifestNotFound: Unable to read manifest file '{manifest}'."));
        (await catalog.CheckArtifactAsync("s3://boot-images/img/kernel", null)).Should().BeOfType<ArtifactLookup.Failed>()
            .Which.Error.Should().StartWith("HttpRequestException: ");
        (await catalog.GetImsImageAsync("img")).Should().BeOfType<ImsImageLookup.Failed>()
            .Which.Error.Should().StartWith("HttpRequestException: ");
    }

    /// <summary>PUTs an object under a fresh key of the simulator's S3 and returns its s3:// URL.</summary>
    private async Task<string> Publish(string content)
    {
        var key = $"catalog-{Guid.NewGuid():N}/manifest.json";
        using var response = await cluster.Sim.Http.PutAsync($"s3/boot-images/{key}", new StringContent(content));
        response.EnsureSuccessStatusCode();
        return $"s3://boot-images/{key}";
    }
}
