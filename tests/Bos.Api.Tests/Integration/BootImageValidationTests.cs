using System.Net;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Integration;

/// <summary>
/// Template and session validation (DM-61 T5/T6, DM-63 V5) through the real S3 and IMS clients against the
/// simulator's demo images. Options are changed through the API, as an admin would.
/// </summary>
[NeedsServices]
public sealed class BootImageValidationTests(SimulatorApiFactory factory) : IClassFixture<SimulatorApiFactory>, IAsyncLifetime
{
    private const string X86Image = "a5b1f8d2-6c3e-4f10-9d2a-000000000001";
    private const string Aarch64Image = "a5b1f8d2-6c3e-4f10-9d2a-000000000002";
    private readonly HttpClient _client = factory.CreateClient();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await factory.SetServiceFaultsAsync(null);
        await SetOptions("""{"ims_images_must_exist": false, "ims_errors_fatal": false}""");
    }

    private static string Manifest(string image) => $"s3://boot-images/{image}/manifest.json";

    private static string Template(string path, string arch = "X86") =>
        $$"""{"boot_sets": {"compute": {"path": "{{path}}", "type": "s3", "arch": "{{arch}}", "node_list": ["x3000c0s1b0n0"]} } }""";

    private Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body)> PutTemplate(string name, string path, string arch = "X86") =>
        _client.Put($"/v2/sessiontemplates/{name}", Template(path, arch));

    private Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body)> PostSession(string template, string operation = "boot") =>
        _client.Post("/v2/sessions", $$"""{"template_name": "{{template}}", "operation": "{{operation}}"}""");

    private async Task SetOptions(string json) => (await _client.Patch("/v2/options", json)).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task A_template_of_a_demo_image_saves_is_Valid_and_boots()
    {
        var name = ApiJson.Unique("tpl");

        (await PutTemplate(name, Manifest(Aarch64Image), "ARM")).ShouldBe(HttpStatusCode.OK);

        (await _client.Get($"/v2/sessiontemplatesvalid/{name}")).ShouldBe(HttpStatusCode.OK).GetValue<string>().Should().Be("Valid");
        (await PostSession(name)).ShouldBe(HttpStatusCode.Created)["template_name"]!.GetValue<string>().Should().Be(name);
    }

    [Fact]
    public async Task A_missing_manifest_saves_but_fails_validation_and_boot_sessions()
    {
        var path = $"s3://boot-images/{X86Image}/no-such-manifest.json";
        var name = ApiJson.Unique("tpl");

        (await PutTemplate(name, path)).ShouldBe(HttpStatusCode.OK);

        var error = $"Session template: '{name}' boot set: 'compute': Can't find boot artifacts. "
                    + $"Error: ManifestNotFound: Unable to read manifest file '{path}'.";
        (await _client.Get($"/v2/sessiontemplatesvalid/{name}")).ShouldBe(HttpStatusCode.OK).GetValue<string>().Should().Be(error);
        (await PostSession(name)).ShouldBeBadRequest().Should().Be($"Session template fails check: {error}");
        (await PostSession(name, "shutdown")).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_arch_that_does_not_match_the_IMS_image_rejects_the_template()
    {
        var name = ApiJson.Unique("tpl");

        (await PutTemplate(name, Manifest(X86Image), "ARM")).ShouldBeBadRequest().Should().Be(
            "The session template could not be created: BootSetArchMismatch: Boot set arch 'ARM' means IMS image arch should be "
            + "'aarch64', but actual IMS image arch is 'x86_64'");
        (await _client.Get($"/v2/sessiontemplates/{name}")).ShouldBeNotFound();
    }

    [Fact]
    public async Task An_image_missing_from_IMS_is_accepted_unless_ims_images_must_exist()
    {
        var path = Manifest("no-such-image");
        (await PutTemplate(ApiJson.Unique("tpl"), path)).ShouldBe(HttpStatusCode.OK);

        await SetOptions("""{"ims_images_must_exist": true}""");

        (await PutTemplate(ApiJson.Unique("tpl"), path)).ShouldBeBadRequest()
            .Should().Be("The session template could not be created: BootSetError: IMS image id 'no-such-image' does not exist in IMS");
    }

    [Fact]
    public async Task A_failing_IMS_only_warns_unless_ims_errors_are_fatal()
    {
        var name = ApiJson.Unique("tpl");
        await factory.SetServiceFaultsAsync(new { ims = new { errorRate = 1.0, errorStatus = 503 } });

        (await PutTemplate(name, Manifest(X86Image))).ShouldBe(HttpStatusCode.OK);
        (await _client.Get($"/v2/sessiontemplatesvalid/{name}")).ShouldBe(HttpStatusCode.OK).GetValue<string>().Should()
            .StartWith($"Session template: '{name}' boot set: 'compute': Can't validate boot image arch: Non-2XX response (503) to GET ");

        await SetOptions("""{"ims_errors_fatal": true}""");

        (await PostSession(name)).ShouldBeBadRequest().Should().StartWith(
            $"Session template fails check: Session template: '{name}' boot set: 'compute': ApiResponseError: Non-2XX response (503) to GET ");
    }
}
