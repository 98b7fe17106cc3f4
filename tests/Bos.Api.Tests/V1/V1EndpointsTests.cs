using System.Net;
using Bos.Core.Options;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.V1;

/// <summary>The v1 API (V1-02) with upstream's paths, codes and response shapes, on the v2 records.</summary>
[NeedsServices]
public sealed class V1EndpointsTests : IClassFixture<SessionsApiFactory>
{
    private readonly HttpClient _client;

    public V1EndpointsTests(SessionsApiFactory factory)
    {
        factory.Options.Current = BosOptions.Defaults;
        _client = factory.CreateClient();
    }

    private static string V1Template(string name) => $$$"""
        {"name": "{{{name}}}", "description": "v1", "cfs_url": "https://git/config.git", "cfs_branch": "main", "partition": "p1",
         "enable_cfs": true, "cfs": {"configuration": "c1", "clone_url": "https://git/config.git", "playbook": "site.yml"},
         "boot_sets": {"compute": {"name": "compute", "path": "s3://boot-images/img-1/manifest.json", "type": "s3",
           "network": "nmn", "boot_ordinal": 1, "shutdown_ordinal": 1, "node_list": ["X3000C0S01B0N0"]} } }
        """;

    private async Task<string> CreateTemplate()
    {
        var name = ApiJson.Unique("v1tpl");
        var created = (await _client.Post("/v1/sessiontemplate", V1Template(name))).ShouldBe(HttpStatusCode.Created);
        created.GetValue<string>().Should().Be(name);
        return name;
    }

    [Fact]
    public async Task A_v1_template_is_stored_as_a_v2_template_without_its_v1_fields()
    {
        var name = await CreateTemplate();

        var stored = (await _client.Get($"/v2/sessiontemplates/{name}")).ShouldBe(HttpStatusCode.OK).AsObject();
        stored.Select(p => p.Key).Should().BeEquivalentTo("name", "tenant", "description", "enable_cfs", "cfs", "boot_sets");
        stored["cfs"]!.ToJsonString().Should().Be("""{"configuration":"c1"}""");
        var bootSet = stored["boot_sets"]!["compute"]!.AsObject();
        bootSet.ContainsKey("network").Should().BeFalse();
        bootSet.ContainsKey("boot_ordinal").Should().BeFalse();
        bootSet["node_list"]!.AsArray().Single()!.GetValue<string>().Should().Be("x3000c0s1b0n0");
        (await _client.Get($"/v1/sessiontemplate/{name}")).ShouldBe(HttpStatusCode.OK).ToJsonString().Should().Be(stored.ToJsonString());
        (await _client.Get("/v1/sessiontemplate")).ShouldBe(HttpStatusCode.OK).AsArray().Should().Contain(t => (string)t!["name"]! == name);
        (await _client.Delete($"/v1/sessiontemplate/{name}")).ShouldBeNoContent();
        (await _client.Get($"/v1/sessiontemplate/{name}")).ShouldBeNotFound();
    }

    [Fact]
    public async Task A_v1_template_without_a_name_is_a_400_from_the_v1_spec() =>
        (await _client.Post("/v1/sessiontemplate", """{"boot_sets": {}}""")).ShouldBeBadRequest().Should().Contain("'name' is a required property");

    [Theory]
    [InlineData("GET", "/v1/sessiontemplate")]
    [InlineData("GET", "/v1/session")]
    [InlineData("POST", "/v1/session")]
    [InlineData("GET", "/v1/session/0a1b/status")]
    public async Task A_tenant_header_is_refused_as_upstream_v1_did(string method, string path)
    {
        var body = method == "POST" ? """{"operation": "boot", "templateName": "t"}""" : null;
        (await _client.Send(new HttpMethod(method), path, body, "vcluster-a"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "Multi-tenancy not supported").Should()
            .Be("BOS v1 endpoints do not support multi-tenancy and a tenant was specified in the header");
    }

    [Fact]
    public async Task The_v1_example_template_is_upstream_v1s() =>
        (await _client.Get("/v1/sessiontemplatetemplate")).ShouldBe(HttpStatusCode.OK)["boot_sets"]!["name_your_boot_set"]!["rootfs_provider"]!
            .GetValue<string>().Should().Be("cpss3");

    [Fact]
    public async Task Version_and_health_answer_under_v1()
    {
        (await _client.Get("/v1")).ShouldBe(HttpStatusCode.OK)["major"].Should().NotBeNull();
        (await _client.Get("/v1/version")).ShouldBe(HttpStatusCode.OK)["links"]!.AsArray().Should().HaveCount(2);
        (await _client.Get("/v1/healthz")).ShouldBe(HttpStatusCode.OK)["dbStatus"]!.GetValue<string>().Should().Be("ok");
    }

    [Fact]
    public async Task A_v1_session_answers_upstreams_shapes_and_runs_as_a_v2_session()
    {
        var template = await CreateTemplate();
        var created = (await _client.Post("/v1/session", $$"""{"operation": "Reboot", "templateUuid": "{{template}}", "limit": "x3000c0s1b0n0"}"""))
            .ShouldBe(HttpStatusCode.Created).AsObject();
        var job = created["job"]!.GetValue<string>();
        var id = job["boa-".Length..];
        created.Select(p => p.Key).Should().Equal("operation", "templateName", "job", "links", "limit");
        created["operation"]!.GetValue<string>().Should().Be("Reboot");
        created["links"]!.ToJsonString().Should().Be(
            $$"""[{"rel":"session","href":"/v1/session/{{id}}","jobId":"{{job}}","type":"GET"},{"rel":"status","href":"/v1/session/{{id}}/status","type":"GET"}]""");

        var v2 = (await _client.Get($"/v2/sessions/{id}")).ShouldBe(HttpStatusCode.OK);
        v2["operation"]!.GetValue<string>().Should().Be("reboot");
        v2["template_name"]!.GetValue<string>().Should().Be(template);
        (await _client.Get("/v1/session")).ShouldBe(HttpStatusCode.OK).AsArray().Select(n => n!.GetValue<string>()).Should().Contain(id);

        var details = (await _client.Get($"/v1/session/{id}")).ShouldBe(HttpStatusCode.OK).AsObject();
        details.Select(p => p.Key).Should().BeEquivalentTo("operation", "templateName", "job", "status_link", "start_time", "stop_time",
            "complete", "in_progress", "error_count");
        details["complete"]!.GetValue<bool>().Should().BeFalse();

        var status = (await _client.Get($"/v1/session/{id}/status")).ShouldBe(HttpStatusCode.OK).AsObject();
        status["boot_sets"]!.ToJsonString().Should().Be("""["compute"]""");
        status["metadata"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("complete", "error_count", "in_progress", "start_time", "stop_time");
        var bootSet = (await _client.Get($"/v1/session/{id}/status/compute")).ShouldBe(HttpStatusCode.OK);
        bootSet["phases"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Equal("shutdown", "boot", "configure");
        (await _client.Get($"/v1/session/{id}/status/compute/boot")).ShouldBe(HttpStatusCode.OK)["categories"]!.AsArray()
            .Select(c => c!["name"]!.GetValue<string>()).Should().Equal("not_started", "in_progress", "succeeded", "failed", "excluded");
        (await _client.Get($"/v1/session/{id}/status/compute/boot/succeeded")).ShouldBe(HttpStatusCode.OK)["node_list"]!.AsArray().Should().BeEmpty();
        (await _client.Get($"/v1/session/{id}/status/nope")).ShouldBeNotFound();
        (await _client.Post($"/v1/session/{id}/status", "{}")).Status.Should().Be(HttpStatusCode.Conflict);

        (await _client.Delete($"/v1/session/{id}")).ShouldBeNoContent();
        (await _client.Get($"/v2/sessions/{id}")).ShouldBeNotFound();
        (await _client.Get($"/v1/session/{id}")).ShouldBeNotFound();
        (await _client.Delete($"/v1/session/{id}")).ShouldBeNotFound();
    }

    [Fact]
    public async Task A_v1_session_of_a_missing_template_is_a_404_and_leaves_nothing()
    {
        (await _client.Post("/v1/session", """{"operation": "boot", "templateName": "no-such-template"}""")).ShouldBeNotFound()
            .Should().Be("Session Template ID invalid: no-such-template");
    }

    [Fact]
    public async Task A_v1_session_with_a_bad_operation_is_a_400_from_the_v1_spec() =>
        (await _client.Post("/v1/session", """{"operation": "dance", "templateName": "t"}""")).ShouldBeBadRequest();
}
