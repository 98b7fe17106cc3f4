using System.Net;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Time;
using Bos.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Bos.Api.Tests.SessionsApiFactory;

namespace Bos.Api.Tests.Sessions;

/// <summary>API-39/40: the extended status (DM-70), live or saved, counted over the tenant's components.</summary>
[NeedsServices]
public sealed class SessionStatusTests(SessionsApiFactory factory) : IClassFixture<SessionsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private ComponentRepository Components => factory.Services.GetRequiredService<ComponentRepository>();

    private async Task<string> NewSession(string? tenant = null)
    {
        var template = await _client.CreateTemplate(tenant);
        return (await _client.CreateSession(template, tenant))["name"]!.GetValue<string>();
    }

    // Written through the repository: the API's auto-fields would put enabled components on hold.
    private Task PutComponents(params Component[] components) => Components.PutManyAsync(components);

    private static Component Node(string id, string session, string phase = "", bool enabled = true, string? error = null, string? staged = null) => new()
    {
        Id = id, Session = session, Enabled = enabled, Error = error,
        Status = new ComponentStatus { Phase = phase, StatusOverride = "" },
        StagedState = staged is null ? null : new StagedState { Session = staged },
    };

    [Fact]
    public async Task API39_live_status_counts_the_sessions_components()
    {
        var name = await NewSession();
        await PutComponents(Node("x9000c0s1b0n0", name), Node("x9000c0s2b0n0", name, "powering_on", error: "boom"),
            Node("x9000c0s3b0n0", name, "configuring"), Node("x9000c0s4b0n0", "other", staged: name));

        var status = (await _client.Get($"/v2/sessions/{name}/status")).ShouldBe(HttpStatusCode.OK);

        status["status"]!.GetValue<string>().Should().Be("pending");
        status["managed_components_count"]!.GetValue<int>().Should().Be(4);
        status["phases"]!.ToJsonString().Should().Be(
            """{"percent_complete":25.0,"percent_powering_on":25.0,"percent_powering_off":0.0,"percent_configuring":25.0}""");
        status["percent_successful"]!.GetValue<double>().Should().Be(25.0);
        status["percent_failed"]!.GetValue<double>().Should().Be(0.0);
        status["percent_staged"]!.GetValue<double>().Should().Be(25.0);
        status["error_summary"]!.ToJsonString().Should().Be("""{"boom":{"count":1,"list":"x9000c0s2b0n0"}}""");
        status["timing"]!["end_time"].Should().BeNull();
        status["timing"]!["duration"]!.GetValue<string>().Should().MatchRegex(@"^0:00:\d\d(\.\d{6})?$");
    }

    [Fact]
    public async Task MT05_a_tenant_sessions_status_counts_only_the_tenants_components()
    {
        var name = await NewSession(TenantA);
        await PutComponents(Node(TenantANodes[0], name), Node(TenantBNodes[0], name));

        var status = (await _client.Get($"/v2/sessions/{name}/status", TenantA)).ShouldBe(HttpStatusCode.OK);
        status["managed_components_count"]!.GetValue<int>().Should().Be(1);
        status["percent_successful"]!.GetValue<double>().Should().Be(100.0);
    }

    [Fact]
    public async Task API40_POST_status_returns_the_extended_status_and_a_complete_session_then_reads_the_saved_one()
    {
        var name = await NewSession();
        await PutComponents(Node("x9100c0s1b0n0", name, "powering_off"));
        (await _client.Patch($"/v2/sessions/{name}", """{"status": {"status": "complete", "end_time": "2099-01-01T00:00:00Z"}}""")).ShouldBe(HttpStatusCode.OK);

        // Q-05: the answer is the extended status, not the session.
        var saved = (await _client.Post($"/v2/sessions/{name}/status", null)).ShouldBe(HttpStatusCode.OK);
        saved["managed_components_count"]!.GetValue<int>().Should().Be(1);
        saved["phases"]!["percent_powering_off"]!.GetValue<double>().Should().Be(100.0);
        saved["status"]!.GetValue<string>().Should().Be("complete");

        // The component moves on; a complete session keeps reporting what was saved at completion.
        await PutComponents(Node("x9100c0s1b0n0", name));
        (await _client.Get($"/v2/sessions/{name}/status")).ShouldBe(HttpStatusCode.OK).ToJsonString().Should().Be(saved.ToJsonString());

        // Not complete any more: live again.
        (await _client.Patch($"/v2/sessions/{name}", """{"status": {"status": "running"}}""")).ShouldBe(HttpStatusCode.OK);
        (await _client.Get($"/v2/sessions/{name}/status")).ShouldBe(HttpStatusCode.OK)["phases"]!["percent_powering_off"]!.GetValue<double>().Should().Be(0.0);
    }

    [Fact]
    public async Task API39_a_complete_session_without_a_saved_status_is_computed_live()
    {
        var name = await NewSession();
        (await _client.Patch($"/v2/sessions/{name}", """{"status": {"status": "complete", "end_time": "2099-01-01T00:00:00Z"}}""")).ShouldBe(HttpStatusCode.OK);

        var status = (await _client.Get($"/v2/sessions/{name}/status")).ShouldBe(HttpStatusCode.OK);
        status["managed_components_count"]!.GetValue<int>().Should().Be(0);
        status["timing"]!["end_time"]!.GetValue<string>().Should().Be("2099-01-01T00:00:00Z");
        status["timing"]!["duration"]!.GetValue<string>().Should().Contain(" days, ");
    }

    [Fact]
    public async Task The_Bos_eta_is_in_the_status_only_when_asked_for_and_only_once_a_node_has_finished()
    {
        var name = await NewSession();
        await PutComponents(Node("x9200c0s1b0n0", name, "powering_on"));

        (await _client.Get($"/v2/sessions/{name}/status")).ShouldBe(HttpStatusCode.OK).AsObject().ContainsKey("eta").Should().BeFalse();
        var none = (await _client.Get($"/v2/sessions/{name}/status?include=eta")).ShouldBe(HttpStatusCode.OK)["eta"]!;
        none["basis"]!.GetValue<string>().Should().Be("none");
        none.AsObject().ContainsKey("estimated_end_time").Should().BeTrue();
        none["estimated_end_time"].Should().BeNull();

        await PutComponents(Node("x9200c0s2b0n0", name, enabled: false) with
        {
            LastAction = new LastAction { Action = "powering_on", LastUpdated = Timestamps.Format(DateTimeOffset.UtcNow) },
        });
        var eta = (await _client.Get($"/v2/sessions/{name}/status?include=eta")).ShouldBe(HttpStatusCode.OK)["eta"]!;
        eta["basis"]!.GetValue<string>().Should().Be("this_session");
        eta["samples"]!.GetValue<int>().Should().Be(1);
        eta["estimated_end_time"]!.GetValue<string>().Should().EndWith("Z");
    }

    [Fact]
    public async Task API40_status_of_an_unknown_session_is_404()
    {
        (await _client.Post("/v2/sessions/absent/status", null)).ShouldBeNotFound().Should().Be("Session 'absent' does not exist");
        (await _client.Get("/v2/sessions/absent/status", TenantA)).ShouldBeNotFound().Should().Be($"Session for tenant '{TenantA}' 'absent' does not exist");
    }
}
