using Bos.Api.Tests.Sessions;
using Bos.Core.Options;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Components;

/// <summary>POST /v2/applystaged (API-48, OP-80).</summary>
[NeedsServices]
public sealed class ApplyStagedTests(SessionsApiFactory factory) : IClassFixture<SessionsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private const string Staged = """{"boot_artifacts":{"kernel":"s3://k","kernel_parameters":"console=ttyS0","initrd":"s3://i"},"configuration":"cfg","session":"SESSION"}""";

    private async Task<string> StagedSession(string operation)
    {
        var template = await _client.CreateTemplate();
        var body = $$$"""{"template_name":"{{{template}}}","operation":"{{{operation}}}","stage":true}""";
        var session = await (await _client.PostJson("/v2/sessions", body)).Json();
        return session["name"]!.GetValue<string>();
    }

    private async Task<Dictionary<string, List<string>>> Apply(string xnames, HttpClient? client = null)
    {
        var result = await ((client ?? _client).PostJson("/v2/applystaged", $$"""{"xnames":[{{xnames}}]}""")).Result.Json();
        return result.AsObject().ToDictionary(p => p.Key, p => p.Value!.AsArray().Select(n => n!.GetValue<string>()).ToList());
    }

    [Fact]
    public async Task Staged_reboot_becomes_desired_state_enabled_on_hold_with_actual_state_cleared()
    {
        factory.Options.Current = BosOptions.Defaults;
        var session = await StagedSession("reboot");
        await _client.PutJson("/v2/components/as1", $$"""{"actual_state":{"bss_token":"old"},"staged_state":{{Staged.Replace("SESSION", session)}}}""");

        var result = await Apply("\"as1\"");
        result["succeeded"].Should().Equal("as1");
        result["failed"].Should().BeEmpty();

        var record = await (await _client.GetAsync("/v2/components/as1")).Json();
        record["desired_state"]!["boot_artifacts"]!["kernel"]!.GetValue<string>().Should().Be("s3://k");
        record["desired_state"]!["configuration"]!.GetValue<string>().Should().Be("cfg");
        record["enabled"]!.GetValue<bool>().Should().BeTrue();
        record["status"]!["status"]!.GetValue<string>().Should().Be("on_hold");
        record["session"]!.GetValue<string>().Should().Be(session);
        record["last_action"]!["action"]!.GetValue<string>().Should().Be("apply_staged");
        record["actual_state"]!["bss_token"]!.GetValue<string>().Should().Be("", "reboot clears the actual state");
        record["staged_state"]!["session"]!.GetValue<string>().Should().Be(session, "clear_stage is off by default");
    }

    [Fact]
    public async Task Components_without_staged_session_are_ignored_and_a_vanished_session_fails()
    {
        factory.Options.Current = BosOptions.Defaults;
        await _client.PutJson("/v2/components/as2", """{"enabled":false}""");
        await _client.PutJson("/v2/components/as3", $$"""{"staged_state":{{Staged.Replace("SESSION", "gone-session")}}}""");

        var result = await Apply("\"as2\",\"as3\",\"missing\"");
        result["ignored"].Should().BeEquivalentTo("as2", "missing");
        result["failed"].Should().Equal("as3");
        var failed = await (await _client.GetAsync("/v2/components/as3")).Json();
        failed["error"]!.GetValue<string>().Should().Be("Staged session no longer exists (session: gone-session, tenant: )");
        failed["enabled"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Boot_without_all_artifacts_fails_and_clear_stage_resets_the_staged_state()
    {
        factory.Options.Current = BosOptions.Defaults with { ClearStage = true };
        var session = await StagedSession("boot");
        await _client.PutJson("/v2/components/as4", $$$"""{"staged_state":{"boot_artifacts":{"kernel":"k"},"session":"{{{session}}}"}}""");

        var result = await Apply("\"as4\"");
        result["failed"].Should().Equal("as4");
        var record = await (await _client.GetAsync("/v2/components/as4")).Json();
        record["staged_state"]!["boot_artifacts"]!["kernel"]!.GetValue<string>().Should().Be("");
        record["staged_state"]!.AsObject().ContainsKey("session").Should().BeFalse();
        factory.Options.Current = BosOptions.Defaults;
    }

    [Fact]
    public async Task A_tenant_cannot_apply_another_tenants_components_and_an_unknown_tenant_is_400()
    {
        var tenantClient = factory.CreateClient();
        tenantClient.DefaultRequestHeaders.Add("Cray-Tenant-Name", SessionsApiFactory.TenantA);
        var result = await Apply($"\"{SessionsApiFactory.TenantBNodes[0]}\"", tenantClient);
        result["ignored"].Should().Equal(SessionsApiFactory.TenantBNodes[0]);

        var unknown = factory.CreateClient();
        unknown.DefaultRequestHeaders.Add("Cray-Tenant-Name", "nobody");
        var response = await unknown.PostJson("/v2/applystaged", """{"xnames":["x1"]}""");
        ((int)response.StatusCode).Should().Be(400);
        (await response.Json())["detail"]!.GetValue<string>().Should().Be("Error parsing the data provided: Data not found for tenant nobody");
    }

    [Fact]
    public async Task Bad_body_is_400()
    {
        var response = await _client.PostJson("/v2/applystaged", """{"xnames":"x1"}""");
        ((int)response.StatusCode).Should().Be(400);
        (await response.Json())["detail"]!.GetValue<string>().Should().Be("'x1' is not of type 'array' - 'xnames'");
    }
}
