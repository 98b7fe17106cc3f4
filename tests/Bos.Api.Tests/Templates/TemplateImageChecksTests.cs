using System.Net;
using Bos.Core.Options;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Templates;

/// <summary>DM-61 T5/T6 and DM-63 V5 over HTTP, with S3 and IMS in memory.</summary>
[NeedsServices]
public sealed class TemplateImageChecksTests : IClassFixture<ImageCatalogApiFactory>
{
    private readonly ImageCatalogApiFactory _factory;
    private readonly HttpClient _client;

    public TemplateImageChecksTests(ImageCatalogApiFactory factory)
    {
        _factory = factory;
        _factory.Options.Current = BosOptions.Defaults;
        _client = factory.CreateClient();
    }

    private static string Body(string path, string arch = "X86") =>
        $$"""{"boot_sets": {"compute": {"path": "{{path}}", "type": "s3", "arch": "{{arch}}", "node_list": ["x3000c0s1b0n0"]} } }""";

    [Fact]
    public async Task T6_an_arch_mismatch_with_the_IMS_image_rejects_the_template()
    {
        var path = _factory.Catalog.AddImage(ApiJson.Unique("img"), "x86_64");
        var name = ApiJson.Unique("tpl");

        (await _client.Put($"/v2/sessiontemplates/{name}", Body(path, "ARM"))).ShouldBeBadRequest().Should().Be(
            "The session template could not be created: BootSetArchMismatch: Boot set arch 'ARM' means IMS image arch should be 'aarch64', "
            + "but actual IMS image arch is 'x86_64'");
        (await _client.Get($"/v2/sessiontemplates/{name}")).ShouldBeNotFound();
    }

    [Fact]
    public async Task T6_a_missing_image_rejects_the_template_only_when_images_must_exist()
    {
        const string path = "s3://boot-images/gone/manifest.json";
        (await _client.Put($"/v2/sessiontemplates/{ApiJson.Unique("tpl")}", Body(path))).ShouldBe(HttpStatusCode.OK);

        _factory.Options.Current = BosOptions.Defaults with { ImsImagesMustExist = true };
        (await _client.Put($"/v2/sessiontemplates/{ApiJson.Unique("tpl")}", Body(path))).ShouldBeBadRequest()
            .Should().Be("The session template could not be created: BootSetError: IMS image id 'gone' does not exist in IMS");
    }

    [Fact]
    public async Task V5_a_template_with_an_existing_matching_image_is_Valid_and_boots()
    {
        var path = _factory.Catalog.AddImage(ApiJson.Unique("img"), "aarch64");
        var name = ApiJson.Unique("tpl");
        (await _client.Put($"/v2/sessiontemplates/{name}", Body(path, "ARM"))).ShouldBe(HttpStatusCode.OK);

        (await _client.Get($"/v2/sessiontemplatesvalid/{name}")).ShouldBe(HttpStatusCode.OK).GetValue<string>().Should().Be("Valid");
        (await _client.Post("/v2/sessions", $$"""{"template_name": "{{name}}", "operation": "boot"}""")).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task T5_V5_an_unreadable_manifest_saves_but_fails_validation_and_boot_sessions_not_shutdowns()
    {
        var image = ApiJson.Unique("img");
        _factory.Catalog.ImsImages[image] = "x86_64";
        var path = $"s3://boot-images/{image}/manifest.json";
        var name = ApiJson.Unique("tpl");
        (await _client.Put($"/v2/sessiontemplates/{name}", Body(path))).ShouldBe(HttpStatusCode.OK);

        var error = $"Session template: '{name}' boot set: 'compute': Can't find boot artifacts. Error: ManifestNotFound: Unable to read manifest file '{path}'.";
        (await _client.Get($"/v2/sessiontemplatesvalid/{name}")).ShouldBe(HttpStatusCode.OK).GetValue<string>().Should().Be(error);
        (await _client.Post("/v2/sessions", $$"""{"template_name": "{{name}}", "operation": "reboot"}""")).ShouldBeBadRequest()
            .Should().Be($"Session template fails check: {error}");
        (await _client.Post("/v2/sessions", $$"""{"template_name": "{{name}}", "operation": "shutdown"}""")).ShouldBe(HttpStatusCode.Created);
    }
}
