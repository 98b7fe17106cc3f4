using System.Net;
using Bos.Contracts.Events;
using Bos.Core.Options;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using static Bos.Api.Tests.SessionsApiFactory;

namespace Bos.Api.Tests.Sessions;

/// <summary>API-33: POST /v2/sessions, its checks in upstream's order, and the stored record (DM-50).</summary>
[NeedsServices]
public sealed class SessionCreateTests : IClassFixture<SessionsApiFactory>
{
    private readonly SessionsApiFactory _factory;
    private readonly HttpClient _client;

    public SessionCreateTests(SessionsApiFactory factory)
    {
        _factory = factory;
        _factory.Options.Current = BosOptions.Defaults;
        _client = factory.CreateClient();
    }

    private Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body)> Post(string body, string? tenant = null) =>
        _client.Post("/v2/sessions", body, tenant);

    [Fact]
    public async Task Creates_a_pending_session_with_every_key_and_returns_201()
    {
        var template = await _client.CreateTemplate();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var session = await _client.CreateSession(template);

        session.AsObject().Select(p => p.Key).Should().Equal("name", "tenant", "operation", "template_name", "limit", "stage", "components",
            "include_disabled", "status");
        Guid.TryParse(session["name"]!.GetValue<string>(), out _).Should().BeTrue("the default name is a uuid4");
        session["tenant"].Should().BeNull();
        session["operation"]!.GetValue<string>().Should().Be("boot");
        session["template_name"]!.GetValue<string>().Should().Be(template);
        session["limit"]!.GetValue<string>().Should().Be("");
        session["stage"]!.GetValue<bool>().Should().BeFalse();
        session["components"]!.GetValue<string>().Should().Be("");
        session["include_disabled"]!.GetValue<bool>().Should().BeFalse();
        var status = session["status"]!.AsObject();
        status.Select(p => p.Key).Should().Equal("start_time", "end_time", "status", "error");
        status["status"]!.GetValue<string>().Should().Be("pending");
        status["end_time"].Should().BeNull();
        status["error"].Should().BeNull();
        var start = status["start_time"]!.GetValue<string>();
        start.Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        DateTimeOffset.Parse(start).Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddSeconds(1));

        var stored = (await _client.Get($"/v2/sessions/{session["name"]}")).ShouldBe(HttpStatusCode.OK);
        stored.ToJsonString().Should().Be(session.ToJsonString());
    }

    [Fact]
    public async Task Keeps_the_given_name_stage_and_include_disabled_and_a_null_limit_becomes_empty()
    {
        var template = await _client.CreateTemplate(TenantA);
        var name = ApiJson.Unique("s");
        var session = (await Post($$"""{"name": "{{name}}", "template_name": "{{template}}", "operation": "reboot", "limit": null, "stage": true, "include_disabled": true}""",
            TenantA)).ShouldBe(HttpStatusCode.Created);

        session["name"]!.GetValue<string>().Should().Be(name);
        session["tenant"]!.GetValue<string>().Should().Be(TenantA);
        session["limit"]!.GetValue<string>().Should().Be("");
        session["stage"]!.GetValue<bool>().Should().BeTrue();
        session["include_disabled"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_second_session_of_the_same_name_in_the_same_tenant_is_409()
    {
        var name = ApiJson.Unique("dup");
        var plain = await _client.CreateTemplate();
        var tenanted = await _client.CreateTemplate(TenantA);
        await _client.CreateSession(plain, name: name);
        await _client.CreateSession(tenanted, TenantA, name);

        (await Post($$"""{"name": "{{name}}", "template_name": "{{plain}}", "operation": "boot"}"""))
            .ShouldBeProblem(HttpStatusCode.Conflict, "The resource to be created already exists").Should().Be($"Session '{name}' already exists");
        (await Post($$"""{"name": "{{name}}", "template_name": "{{tenanted}}", "operation": "boot"}""", TenantA))
            .ShouldBeProblem(HttpStatusCode.Conflict, "The resource to be created already exists")
            .Should().Be($"Session '{name}' already exists for tenant '{TenantA}'");
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"operation": "boot"}""", "'template_name' is a required property" },
        { """{"template_name": "t", "operation": "explode"}""", "'explode' is not one of ['boot', 'reboot', 'shutdown'] - 'operation'" },
        { """{"template_name": "t", "operation": "boot", "force": true}""", "Additional properties are not allowed ('force' was unexpected)" },
        { """{"name": "-bad", "template_name": "t", "operation": "boot"}""", "'-bad' does not match '^[a-zA-Z0-9](?:[-._a-zA-Z0-9]{0,125}[a-zA-Z0-9])?$' - 'name'" },
        { """{"template_name": "t", "operation": "boot", "stage": "yes"}""", "'yes' is not of type 'boolean' - 'stage'" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Step0_a_body_outside_the_schema_is_400_and_creates_nothing(string body, string detail)
    {
        var count = (await _client.Get("/v2/sessions")).ShouldBe(HttpStatusCode.OK).AsArray().Count;
        (await Post(body)).ShouldBeBadRequest().Should().Be(detail);
        (await _client.Get("/v2/sessions")).ShouldBe(HttpStatusCode.OK).AsArray().Count.Should().Be(count);
    }

    [Fact]
    public async Task Step1_an_unknown_tenant_is_400_Invalid_tenant_before_anything_else()
    {
        _factory.Options.Current = BosOptions.Defaults with { SessionLimitRequired = true };
        (await Post("""{"template_name": "absent", "operation": "boot"}""", "no-such-tenant"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "Invalid tenant").Should().Be("The provided tenant does not exist");
    }

    [Fact]
    public async Task Step3_session_limit_required_needs_a_limit_and_is_checked_before_the_template()
    {
        _factory.Options.Current = BosOptions.Defaults with { SessionLimitRequired = true };
        const string message = "session_limit_required option is set, but this session has no limit specified";
        (await Post("""{"template_name": "absent", "operation": "boot"}""")).ShouldBeBadRequest().Should().Be(message);
        (await Post("""{"template_name": "absent", "operation": "boot", "limit": ""}""")).ShouldBeBadRequest().Should().Be(message);

        var template = await _client.CreateTemplate();
        (await Post($$"""{"template_name": "{{template}}", "operation": "boot", "limit": "*"}""")).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Step4_a_limit_with_NIDs_is_rejected_only_with_reject_nids()
    {
        var template = await _client.CreateTemplate();
        var body = $$"""{"template_name": "{{template}}", "operation": "shutdown", "limit": "x3000c0s1b0n0,&nid000001"}""";
        (await Post(body)).ShouldBe(HttpStatusCode.Created)["limit"]!.GetValue<string>().Should().Be("x3000c0s1b0n0,&nid000001");

        _factory.Options.Current = BosOptions.Defaults with { RejectNids = true };
        (await Post(body)).ShouldBeBadRequest().Should().Be("reject_nids: session limit appears to contain NIDs: x3000c0s1b0n0,&nid000001");
    }

    [Fact]
    public async Task Step5_the_template_must_exist_in_the_requests_tenant()
    {
        var untenanted = await _client.CreateTemplate();
        (await Post("""{"template_name": "absent", "operation": "boot"}""")).ShouldBeBadRequest().Should().Be("Session Template Name invalid: absent");
        (await Post($$"""{"template_name": "{{untenanted}}", "operation": "boot"}""", TenantA)).ShouldBeBadRequest()
            .Should().Be($"Session Template Name invalid: {untenanted}");
    }

    [Fact]
    public async Task Step6_a_template_failing_validation_is_400_and_warnings_do_not_block()
    {
        var template = await _client.CreateTemplate(nodes: "\"nid000001\"");
        // Without S3/IMS and with a NID: warnings only.
        await _client.CreateSession(template);

        _factory.Options.Current = BosOptions.Defaults with { RejectNids = true };
        var count = (await _client.Get("/v2/sessions")).ShouldBe(HttpStatusCode.OK).AsArray().Count;
        (await Post($$"""{"template_name": "{{template}}", "operation": "shutdown"}""")).ShouldBeBadRequest()
            .Should().Be($"Session template fails check: Session template: '{template}' boot set: 'compute': Has NID in 'node_list'");
        (await _client.Get("/v2/sessions")).ShouldBe(HttpStatusCode.OK).AsArray().Count.Should().Be(count);
    }

    [Fact]
    public async Task Creating_publishes_SessionCreated_with_the_record()
    {
        var template = await _client.CreateTemplate(TenantB);
        var name = ApiJson.Unique("evt");
        await _client.CreateSession(template, TenantB, name);

        var created = await _factory.Events.WaitForAsync<SessionCreated>(e => e.SessionName == name);
        created.Tenant.Should().Be(TenantB);
        created.Session.TemplateName.Should().Be(template);
        created.Session.Status!.Status.Should().Be("pending");
    }
}
