using System.Net;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Components;

/// <summary>/v2/components endpoints over HTTP against the real Redis (API-41..47, DM-40..42).</summary>
[NeedsServices]
public sealed class ComponentEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string Id() => "x1000c0s" + Random.Shared.Next(1, 1_000_000) + "b0n0";

    [Fact]
    public async Task Put_stores_only_given_fields_with_auto_fields_and_get_computes_status()
    {
        var id = Id();
        var put = await _client.PutJson($"/v2/components/{id}", """{"enabled":true,"desired_state":{"configuration":"cfg"}}""");
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = await put.Json();
        stored["status"]!["status_override"]!.GetValue<string>().Should().Be("on_hold", "DM-41 rule 3: enabling holds the component");
        stored["session"]!.GetValue<string>().Should().Be("", "DM-41 rule 4: a manual desired state detaches the session");
        stored["event_stats"]!["power_on_attempts"]!.GetValue<int>().Should().Be(0, "DM-41 rule 5");
        stored["desired_state"]!["last_updated"]!.GetValue<string>().Should().EndWith("Z");
        stored.AsObject().ContainsKey("actual_state").Should().BeFalse();

        var get = await (await _client.GetAsync($"/v2/components/{id}")).Json();
        get["status"]!["status"]!.GetValue<string>().Should().Be("on_hold");
    }

    [Fact]
    public async Task Get_of_a_record_without_status_reports_stable_with_empty_phase_and_override()
    {
        var id = Id();
        await _client.PutJson($"/v2/components/{id}", """{"error":""}""");
        var get = await (await _client.GetAsync($"/v2/components/{id}")).Json();
        get["status"]!.ToJsonString().Should().Be("""{"phase":"","status":"stable","status_override":""}""");
    }

    [Fact]
    public async Task Patch_merges_nested_fields_and_returns_the_full_record()
    {
        var id = Id();
        await _client.PutJson($"/v2/components/{id}",
            """{"desired_state":{"boot_artifacts":{"kernel":"k1","initrd":"i1","kernel_parameters":"p"},"configuration":"c"},"session":"s1","last_action":{"action":"session_setup","failed":false}}""");

        var patched = await (await _client.PatchJson($"/v2/components/{id}",
            """{"desired_state":{"boot_artifacts":{"kernel":"k2"}},"session":"s1","last_action":{"failed":true}}""")).Json();

        patched["desired_state"]!["boot_artifacts"]!["kernel"]!.GetValue<string>().Should().Be("k2");
        patched["desired_state"]!["boot_artifacts"]!["initrd"]!.GetValue<string>().Should().Be("i1", "DM-42: boot_artifacts merge key by key");
        patched["desired_state"]!["configuration"]!.GetValue<string>().Should().Be("c");
        patched["last_action"]!["action"]!.GetValue<string>().Should().Be("session_setup");
        patched["last_action"]!["failed"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Patch_of_actual_state_is_409_while_bos_changes_the_node_and_allowed_when_powering_on()
    {
        var id = Id();
        await _client.PutJson($"/v2/components/{id}", """{"enabled":true,"status":{"phase":"powering_off"},"last_action":{"action":"powering_off_gracefully"}}""");
        // PUT with enabled sets on_hold; clear it so the status is power_off_gracefully_called.
        await _client.PatchJson($"/v2/components/{id}", """{"status":{"status_override":""}}""");

        var conflict = await _client.PatchJson($"/v2/components/{id}", """{"actual_state":{"bss_token":"t"}}""");
        conflict.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await conflict.Json())["title"]!.GetValue<string>().Should().Be("Actual state can not be updated.");

        await _client.PatchJson($"/v2/components/{id}", """{"status":{"phase":"powering_on"},"last_action":{"action":"powering_on"}}""");
        (await _client.PatchJson($"/v2/components/{id}", """{"actual_state":{"bss_token":"t"}}""")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reported_bss_token_fills_actual_boot_artifacts_from_the_token_store()
    {
        var id = Id();
        var tokens = factory.Services.GetService(typeof(Core.Components.BssTokenStore)) as Core.Components.BssTokenStore;
        await tokens!.RecordAsync("tok-" + id, new Contracts.Resources.BootArtifacts { Kernel = "k", KernelParameters = "p", Initrd = "i", Timestamp = "2026-01-01T00:00:00Z" });
        await _client.PutJson($"/v2/components/{id}", """{"enabled":false}""");

        var patched = await (await _client.PatchJson($"/v2/components/{id}", $$$"""{"actual_state":{"bss_token":"tok-{{{id}}}"}}""")).Json();
        patched["actual_state"]!["boot_artifacts"]!["kernel"]!.GetValue<string>().Should().Be("k");
        patched["actual_state"]!["last_updated"].Should().NotBeNull("artifacts were found, so the report refreshes last_updated");

        var get = await (await _client.GetAsync($"/v2/components/{id}")).Json();
        get["actual_state"]!["boot_artifacts"]!.AsObject().ContainsKey("timestamp").Should().BeFalse("GET hides the internal timestamp");
    }

    [Fact]
    public async Task Unknown_token_report_does_not_refresh_last_updated()
    {
        var id = Id();
        await _client.PutJson($"/v2/components/{id}", """{"enabled":false}""");
        var patched = await (await _client.PatchJson($"/v2/components/{id}", """{"actual_state":{"bss_token":"unknown"}}""")).Json();
        patched["actual_state"]!.AsObject().ContainsKey("last_updated").Should().BeFalse();
    }

    [Fact]
    public async Task Delete_removes_and_a_second_delete_is_404_with_upstream_wording()
    {
        var id = Id();
        await _client.PutJson($"/v2/components/{id}", """{"enabled":false}""");
        (await _client.DeleteAsync($"/v2/components/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var again = await _client.DeleteAsync($"/v2/components/{id}");
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        again.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await again.Json())["detail"]!.GetValue<string>().Should().Be($"Component '{id}' does not exist");
    }

    [Fact]
    public async Task Bulk_patch_by_ids_404s_on_a_missing_id_unless_skip_bad_ids_and_writes_nothing_on_404()
    {
        var (a, b) = (Id(), Id());
        await _client.PutJson("/v2/components", $$$"""[{"id":"{{{a}}}","enabled":false},{"id":"{{{b}}}","enabled":false}]""");

        var missing = await _client.PatchJson("/v2/components", $$$"""{"patch":{"error":"e1"},"filters":{"ids":"{{{a}}},nope-{{{a}}}"}}""");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await _client.GetAsync($"/v2/components/{a}")).Json()).AsObject().ContainsKey("error").Should().BeFalse();

        var skipped = await (await _client.PatchJson("/v2/components?skip_bad_ids=True", $$$"""{"patch":{"error":"e2"},"filters":{"ids":"{{{a}}},nope-{{{a}}},{{{b}}}"}}""")).Json();
        skipped.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().BeEquivalentTo(a, b);
        skipped.AsArray().Should().OnlyContain(c => c!["error"]!.GetValue<string>() == "e2");
    }

    [Fact]
    public async Task Bulk_patch_by_session_and_list_form()
    {
        var (a, b) = (Id(), Id());
        var session = "sess-" + a;
        await _client.PutJson("/v2/components", $$$"""[{"id":"{{{a}}}","session":"{{{session}}}"},{"id":"{{{b}}}","session":"other"}]""");

        var bySession = await (await _client.PatchJson("/v2/components", $$$"""{"patch":{"retry_policy":5},"filters":{"session":"{{{session}}}"}}""")).Json();
        bySession.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().Equal(a);

        var list = await (await _client.PatchJson("/v2/components", $$$"""[{"id":"{{{a}}}","error":"x"},{"id":"{{{b}}}","error":"y"}]""")).Json();
        list.AsArray().Should().HaveCount(2);
    }

    [Theory]
    [InlineData("""{"patch":{"enabled":true},"filters":{}}""")]
    [InlineData("""{"patch":{"enabled":true},"filters":{"ids":"","session":""}}""")]
    public async Task Bulk_patch_without_a_usable_filter_is_400(string body)
    {
        var response = await _client.PatchJson("/v2/components", body);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
