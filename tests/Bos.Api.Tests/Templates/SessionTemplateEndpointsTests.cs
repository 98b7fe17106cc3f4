using System.Net;
using System.Text.Json.Nodes;
using Bos.Contracts.Events;
using Bos.Core.Options;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using static Bos.Api.Tests.SessionsApiFactory;

namespace Bos.Api.Tests.Templates;

/// <summary>API-26..31 over HTTP against the real Redis, with S3 and IMS not configured.</summary>
[NeedsServices]
public sealed class SessionTemplateEndpointsTests : IClassFixture<SessionsApiFactory>
{
    private readonly SessionsApiFactory _factory;
    private readonly HttpClient _client;

    public SessionTemplateEndpointsTests(SessionsApiFactory factory)
    {
        _factory = factory;
        _factory.Options.Current = BosOptions.Defaults;
        _client = factory.CreateClient();
    }

    private const string Compute = """
        {"name": "compute", "path": "s3://boot-images/img-1/manifest.json", "type": "s3", "node_list": ["X3000C0S01B0N0", "x3000c0s2b0n0"]}
        """;

    private static string Body(string bootSet = Compute) =>
        $$$"""{"description": "d", "enable_cfs": true, "cfs": {"configuration": ""}, "boot_sets": {"compute": {{{bootSet}}}}}""";

    private static string Path(string name) => $"/v2/sessiontemplates/{name}";

    [Fact]
    public async Task API28_PUT_stores_the_sanitized_template_and_returns_it_with_200()
    {
        var name = ApiJson.Unique("tpl");
        var stored = (await _client.Put(Path(name), Body())).ShouldBe(HttpStatusCode.OK);

        // DM-61: name from the path, tenant null, boot-set name dropped, arch defaulted, xnames canonical, empty cfs gone.
        stored.ToJsonString().Should().Be(JsonNode.Parse($$$"""
            {"name": "{{{name}}}", "tenant": null, "description": "d", "enable_cfs": true,
             "boot_sets": {"compute": {"path": "s3://boot-images/img-1/manifest.json", "type": "s3",
                                       "node_list": ["x3000c0s1b0n0", "x3000c0s2b0n0"], "arch": "X86"} } }
            """)!.ToJsonString());
        (await _client.Get(Path(name))).ShouldBe(HttpStatusCode.OK).ToJsonString().Should().Be(stored.ToJsonString());
    }

    [Fact]
    public async Task API28_PUT_overwrites_an_existing_template_whole()
    {
        var name = ApiJson.Unique("tpl");
        (await _client.Put(Path(name), Body())).ShouldBe(HttpStatusCode.OK);
        var replaced = (await _client.Put(Path(name), """{"boot_sets": {"uan": {"path": "s3://b/u/manifest.json", "type": "s3", "node_groups": ["uan"]}}}"""))
            .ShouldBe(HttpStatusCode.OK);

        replaced["description"].Should().BeNull();
        replaced["boot_sets"]!.AsObject().Select(p => p.Key).Should().Equal("uan");
        (await _client.Get(Path(name))).ShouldBe(HttpStatusCode.OK)["boot_sets"]!.AsObject().ContainsKey("compute").Should().BeFalse();
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"description": "no boot sets"}""", "'boot_sets' is a required property" },
        { """{"name": "x", "boot_sets": {"c": {"path": "p", "type": "s3", "node_list": ["x1"]}}}""", "Property is read-only - 'name'" },
        { """{"boot_sets": {"c": {"path": "p", "type": "s3", "node_list": ["x1"]}}, "foo": 1}""", "Additional properties are not allowed ('foo' was unexpected)" },
        { """{"boot_sets": {"c": {"type": "s3", "node_list": ["x1"]}}}""", "'path' is a required property - 'boot_sets.c'" },
        { """{"boot_sets": {"c": {"path": "p", "type": "s3", "node_list": []}}}""", "[] is too short - 'boot_sets.c.node_list'" },
        { """{"boot_sets": {"c": {"path": "p", "type": "s3", "arch": "x86", "node_list": ["x1"]}}}""",
            "'x86' is not one of ['X86', 'ARM', 'Other', 'Unknown'] - 'boot_sets.c.arch'" },
        { """{"boot_sets": {}}""", "{} does not have enough properties - 'boot_sets'" },
        { """{"boot_sets": {"c": {"name": "d", "path": "p", "type": "s3", "node_list": ["x1"]}}}""",
            "The session template could not be created: boot_sets key (c) does not match 'name' field of corresponding boot set (d)" },
        { """{"boot_sets": {"c": {"path": "p", "type": "s3"}}}""",
            "The session template could not be created: Boot set c: No hardware specifier fields (('node_list', 'node_roles_groups', 'node_groups'))" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task API28_PUT_of_an_invalid_template_is_400_with_the_reason_and_writes_nothing(string body, string detail)
    {
        var name = ApiJson.Unique("bad");
        (await _client.Put(Path(name), body)).ShouldBeBadRequest().Should().Be(detail);
        (await _client.Get(Path(name))).ShouldBeNotFound();
    }

    [Fact]
    public async Task API28_PUT_validates_the_path_id_and_the_body_being_json()
    {
        (await _client.Put(Path("-bad-name"), Body())).ShouldBeBadRequest().Should().Contain("does not match");
        (await _client.Put(Path("tpl"), "{not json")).ShouldBeBadRequest().Should().Be("Request body is not valid JSON");
    }

    [Fact]
    public async Task API28_T8_NIDs_in_node_list_are_rejected_only_with_reject_nids()
    {
        var name = ApiJson.Unique("nid");
        var withNid = """{"path": "s3://b/i/manifest.json", "type": "s3", "node_list": ["nid000001"]}""";
        (await _client.Put(Path(name), Body(withNid))).ShouldBe(HttpStatusCode.OK);

        _factory.Options.Current = BosOptions.Defaults with { RejectNids = true };
        var other = ApiJson.Unique("nid");
        (await _client.Put(Path(other), Body(withNid))).ShouldBeBadRequest()
            .Should().Be("The session template could not be created: Boot set compute: Has NID in 'node_list'");
        (await _client.Get(Path(other))).ShouldBeNotFound();
    }

    [Fact]
    public async Task API28_MT02_PUT_with_an_unknown_tenant_is_400_Invalid_tenant_and_writes_nothing()
    {
        var name = ApiJson.Unique("tpl");
        (await _client.Put(Path(name), Body(), "no-such-tenant")).ShouldBeProblem(HttpStatusCode.BadRequest, "Invalid tenant")
            .Should().Be("The provided tenant does not exist");
        (await _client.Get(Path(name), "no-such-tenant")).ShouldBeNotFound();
    }

    [Fact]
    public async Task API11_API27_unknown_template_is_404_naming_the_tenant_when_there_is_one()
    {
        (await _client.Get(Path("absent"))).ShouldBeNotFound().Should().Be("Session template 'absent' does not exist");
        (await _client.Get(Path("absent"), TenantA)).ShouldBeNotFound().Should().Be($"Session template for tenant '{TenantA}' 'absent' does not exist");
    }

    [Fact]
    public async Task MT03_MT04_a_name_exists_once_per_tenant_and_untenanted_lists_show_every_tenant()
    {
        var name = ApiJson.Unique("shared");
        (await _client.Put(Path(name), Body())).ShouldBe(HttpStatusCode.OK);
        (await _client.Put(Path(name), Body(), TenantA)).ShouldBe(HttpStatusCode.OK)["tenant"]!.GetValue<string>().Should().Be(TenantA);

        (await _client.Get(Path(name))).ShouldBe(HttpStatusCode.OK)["tenant"].Should().BeNull();
        (await _client.Get(Path(name), TenantA)).ShouldBe(HttpStatusCode.OK)["tenant"]!.GetValue<string>().Should().Be(TenantA);
        (await _client.Get(Path(name), TenantB)).ShouldBeNotFound();

        var all = (await _client.Get("/v2/sessiontemplates")).ShouldBe(HttpStatusCode.OK).AsArray();
        all.Where(t => t!["name"]!.GetValue<string>() == name).Select(t => t!["tenant"]?.GetValue<string>()).Should().BeEquivalentTo([null, TenantA]);
        var mine = (await _client.Get("/v2/sessiontemplates", TenantA)).ShouldBe(HttpStatusCode.OK).AsArray();
        mine.Should().NotBeEmpty().And.OnlyContain(t => t!["tenant"]!.GetValue<string>() == TenantA);
        (await _client.Get("/v2/sessiontemplates", TenantB)).ShouldBe(HttpStatusCode.OK).AsArray().Should().BeEmpty();

        (await _client.Delete(Path(name), TenantB)).ShouldBeNotFound().Should().Be($"Session template for tenant '{TenantB}' '{name}' does not exist");
        (await _client.Delete(Path(name), TenantA)).ShouldBeNoContent();
        (await _client.Get(Path(name))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task API29_DM62_PATCH_merges_into_the_stored_template_and_keeps_its_tenant()
    {
        var name = ApiJson.Unique("tpl");
        var original = """
            {"cfs": {"configuration": "cfg"}, "boot_sets": {
              "compute": {"path": "s3://b/i/manifest.json", "type": "s3", "node_list": ["x1"], "arch": "ARM", "cfs": {"configuration": "bs"}},
              "uan": {"path": "s3://b/u/manifest.json", "type": "s3", "node_groups": ["uan"]}}}
            """;
        (await _client.Put(Path(name), original, TenantA)).ShouldBe(HttpStatusCode.OK);

        var patched = (await _client.Patch(Path(name), """
            {"description": "patched", "boot_sets": {
              "compute": {"path": "s3://b/j/manifest.json", "type": "s3", "kernel_parameters": "quiet"},
              "gpu": {"path": "s3://b/g/manifest.json", "type": "s3", "node_roles_groups": ["Compute_GPU"]}}}
            """, TenantA)).ShouldBe(HttpStatusCode.OK);

        patched.ToJsonString().Should().Be(JsonNode.Parse($$$"""
            {"name": "{{{name}}}", "tenant": "{{{TenantA}}}", "description": "patched", "cfs": {"configuration": "cfg"}, "boot_sets": {
              "compute": {"path": "s3://b/j/manifest.json", "type": "s3", "kernel_parameters": "quiet", "node_list": ["x1"], "arch": "ARM", "cfs": {"configuration": "bs"}},
              "uan": {"path": "s3://b/u/manifest.json", "type": "s3", "node_groups": ["uan"], "arch": "X86"},
              "gpu": {"path": "s3://b/g/manifest.json", "type": "s3", "node_roles_groups": ["Compute_GPU"], "arch": "X86"} } }
            """)!.ToJsonString());
        (await _client.Get(Path(name), TenantA)).ShouldBe(HttpStatusCode.OK).ToJsonString().Should().Be(patched.ToJsonString());
    }

    [Fact]
    public async Task API29_PATCH_of_an_absent_or_other_tenants_template_is_404()
    {
        var name = ApiJson.Unique("tpl");
        (await _client.Put(Path(name), Body())).ShouldBe(HttpStatusCode.OK);
        (await _client.Patch(Path(name), """{"description": "x"}""", TenantA)).ShouldBeNotFound()
            .Should().Be($"Session template for tenant '{TenantA}' '{name}' does not exist");
        (await _client.Patch(Path("absent"), """{"description": "x"}""")).ShouldBeNotFound().Should().Be("Session template 'absent' does not exist");
    }

    [Fact]
    public async Task API29_an_invalid_PATCH_is_400_and_leaves_the_template_unchanged()
    {
        var name = ApiJson.Unique("tpl");
        var before = (await _client.Put(Path(name), Body())).ShouldBe(HttpStatusCode.OK).ToJsonString();

        (await _client.Patch(Path(name), """{"name": "renamed"}""")).ShouldBeBadRequest().Should().Be("Additional properties are not allowed ('name' was unexpected)");
        (await _client.Patch(Path(name), """{"boot_sets": {"compute": {"name": "other", "path": "p", "type": "s3"}}}""")).ShouldBeBadRequest()
            .Should().Be("The session template could not be patched: boot_sets key (compute) does not match 'name' field of corresponding boot set (other)");
        _factory.Options.Current = BosOptions.Defaults with { RejectNids = true };
        (await _client.Patch(Path(name), """{"boot_sets": {"compute": {"path": "p", "type": "s3", "node_list": ["nid1"]}}}""")).ShouldBeBadRequest()
            .Should().Be("The session template could not be patched: Boot set compute: Has NID in 'node_list'");

        (await _client.Get(Path(name))).ShouldBe(HttpStatusCode.OK).ToJsonString().Should().Be(before);
    }

    [Fact]
    public async Task API30_DELETE_is_204_then_404()
    {
        var name = ApiJson.Unique("tpl");
        (await _client.Put(Path(name), Body())).ShouldBe(HttpStatusCode.OK);
        (await _client.Delete(Path(name))).ShouldBeNoContent();
        (await _client.Get(Path(name))).ShouldBeNotFound();
        (await _client.Delete(Path(name))).ShouldBeNotFound().Should().Be($"Session template '{name}' does not exist");
    }

    [Fact]
    public async Task API31_validation_without_S3_and_IMS_is_valid_with_cannot_validate_warnings()
    {
        var name = ApiJson.Unique("tpl");
        (await _client.Put(Path(name), Body())).ShouldBe(HttpStatusCode.OK);

        var message = (await _client.Get($"/v2/sessiontemplatesvalid/{name}")).ShouldBe(HttpStatusCode.OK).GetValue<string>();
        message.Should().Be($"Session template: '{name}' boot set: 'compute': Can't validate boot artifacts: no S3 client is configured; "
                            + $"Session template: '{name}' boot set: 'compute': Can't validate boot image arch: no IMS client is configured");
    }

    [Fact]
    public async Task API31_an_invalid_template_is_still_200_with_the_error_and_unknown_ones_are_404()
    {
        var name = ApiJson.Unique("tpl");
        (await _client.Put(Path(name), Body("""{"path": "p", "type": "s3", "node_list": ["nid1"]}"""), TenantA)).ShouldBe(HttpStatusCode.OK);
        _factory.Options.Current = BosOptions.Defaults with { RejectNids = true };

        (await _client.Get($"/v2/sessiontemplatesvalid/{name}", TenantA)).ShouldBe(HttpStatusCode.OK).GetValue<string>()
            .Should().Be($"Session template: '{name}' boot set: 'compute': Has NID in 'node_list'");
        (await _client.Get($"/v2/sessiontemplatesvalid/{name}")).ShouldBeNotFound().Should().Be($"Session template '{name}' does not exist");
    }

    [Fact]
    public async Task Saving_and_deleting_publish_SessionTemplateSaved_and_SessionTemplateDeleted()
    {
        var name = ApiJson.Unique("evt");
        (await _client.Put(Path(name), Body(), TenantA)).ShouldBe(HttpStatusCode.OK);
        (await _client.Patch(Path(name), """{"description": "second"}""", TenantA)).ShouldBe(HttpStatusCode.OK);
        (await _client.Delete(Path(name), TenantA)).ShouldBeNoContent();

        var saved = await _factory.Events.WaitForAsync<SessionTemplateSaved>(e => e.TemplateName == name);
        saved.Tenant.Should().Be(TenantA);
        saved.Template.BootSets!["compute"].NodeList.Should().Equal("x3000c0s1b0n0", "x3000c0s2b0n0");
        await _factory.Events.WaitForAsync<SessionTemplateSaved>(e => e.TemplateName == name && e.Template.Description == "second");
        var deleted = await _factory.Events.WaitForAsync<SessionTemplateDeleted>(e => e.TemplateName == name);
        deleted.Tenant.Should().Be(TenantA);
    }
}
