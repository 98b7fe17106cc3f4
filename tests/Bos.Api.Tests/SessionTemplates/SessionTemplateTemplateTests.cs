using System.Net;
using System.Text.Json.Nodes;
using Bos.Api.Spec;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.SessionTemplates;

/// <summary>API-32 / DM-64: the example template, exactly upstream 2.50's.</summary>
[NeedsServices]
public sealed class SessionTemplateTemplateTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Upstream = """
        {"boot_sets":{"name_your_boot_set":{"type":"s3","etag":"boot-image-s3-etag","kernel_parameters":"your-kernel-parameters",
          "cfs":{"configuration":"bootset-specific-cfs-override"},"node_list":["xname1","xname2","xname3"],
          "path":"s3://boot-images/boot-image-ims-id/manifest.json","rootfs_provider":"sbps",
          "rootfs_provider_passthrough":"sbps:v1:iqn.2023-06.csm.iscsi:_sbps-hsn._tcp.my-system.my-site-domain:300"}},
         "cfs":{"configuration":"default-sessiontemplate-cfs-config"},"enable_cfs":true}
        """;

    [Theory]
    [InlineData("/v2/sessiontemplatetemplate")]
    [InlineData("/apis/bos/v2/sessiontemplatetemplate")]
    public async Task Returns_upstreams_example_template(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        JsonNode.DeepEquals(body, JsonNode.Parse(Upstream)).Should().BeTrue(body!.ToJsonString());
    }

    [Fact]
    public async Task The_example_is_a_valid_request_body_for_creating_a_template()
    {
        var body = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/v2/sessiontemplatetemplate"));

        new SchemaValidator(UpstreamSpec.Instance).ValidateAgainst(body, "V2SessionTemplate").Should().BeNull();
    }
}
