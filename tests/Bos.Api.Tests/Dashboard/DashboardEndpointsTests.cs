using System.Net;
using System.Text.Json.Nodes;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Sessions;
using Bos.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Api.Tests.Dashboard;

/// <summary>The dashboard's files and its live feeds as HTTP endpoints (the browser tests are in Bos.Ui.Tests).</summary>
[NeedsServices]
public sealed class DashboardEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task The_page_and_its_files_are_served_from_the_API_and_name_nothing_outside_it()
    {
        var page = await _client.GetAsync("/ui/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        foreach (var file in new[] { "app.js", "grid.js", "app.css" })
        {
            var response = await _client.GetAsync("/ui/" + file);
            response.StatusCode.Should().Be(HttpStatusCode.OK, file);
            (await response.Content.ReadAsStringAsync()).Should().NotContainAny(["http://", "https://", "//cdn"], "the dashboard works offline");
        }
        (await page.Content.ReadAsStringAsync()).Should().NotContainAny("http://", "https://");
    }

    [Fact]
    public async Task Ui_without_its_slash_is_redirected_and_an_unknown_file_is_a_404_problem()
    {
        var redirect = await _client.GetAsync("/ui");
        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
        redirect.Headers.Location!.ToString().Should().Be("ui/");

        (await _client.Get("/ui/nothing.js")).ShouldBeProblem(HttpStatusCode.NotFound, "Not Found");
    }

    [Fact]
    public async Task The_feed_of_an_unknown_session_is_a_404_problem_before_any_stream()
    {
        (await _client.Get("/ui/api/sessions/no-such-session/events")).ShouldBeProblem(HttpStatusCode.NotFound, "The resource was not found");
    }

    [Fact]
    public async Task The_session_list_feed_starts_with_a_snapshot_of_every_session()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ui/api/sessions/events");
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        (await reader.ReadLineAsync()).Should().Be("event: sessions");
        (await reader.ReadLineAsync()).Should().StartWith("data: {\"upsert\":[");
    }

    [Fact]
    public async Task The_session_feed_sends_status_and_every_node_then_only_the_nodes_that_changed()
    {
        var session = "feed-" + Guid.NewGuid().ToString("N")[..8];
        // Records as the operators write them (the API's PUT leaves the phase to them).
        var components = factory.Services.GetRequiredService<ComponentRepository>();
        Component Node(string id, bool enabled, string phase) =>
            new() { Id = id, Enabled = enabled, Session = session, Status = new ComponentStatus { Phase = phase, StatusOverride = "" } };
        await components.PutManyAsync([Node("x1000c0s1b0n0", false, ""), Node("x1000c0s2b0n0", true, "powering_on")]);
        await factory.Services.GetRequiredService<SessionRepository>().CreateAsync(new Session
        {
            Name = session, Operation = "boot", TemplateName = "t", Limit = "", Stage = false, Components = "", IncludeDisabled = false,
            Status = new SessionStatus { Status = SessionStatusLabels.Running, StartTime = "2026-12-02T10:00:00Z" },
        });
        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/ui/api/sessions/{session}/events"),
            HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var status = await NextEvent(reader);
        status.Type.Should().Be("status");
        status.Data["managed_components_count"]!.GetValue<int>().Should().Be(2);
        status.Data["eta"].Should().NotBeNull();
        var nodes = await NextEvent(reader);
        nodes.Type.Should().Be("nodes");
        nodes.Data["ids"]!.AsArray().Select(i => (string)i!).Should().Equal("x1000c0s1b0n0", "x1000c0s2b0n0");
        nodes.Data["codes"]!.GetValue<string>().Should().Be("42", "stable, powering on");

        await components.PutManyAsync([Node("x1000c0s2b0n0", true, "configuring")]);
        FeedEvent changes;
        do changes = await NextEvent(reader); while (changes.Type == "status"); // the duration moves on every read
        changes.Type.Should().Be("changes");
        changes.Data["changes"]!.ToJsonString().Should().Be("""{"x1000c0s2b0n0":"3"}""");
    }

    private sealed record FeedEvent(string Type, JsonNode Data);

    private static async Task<FeedEvent> NextEvent(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? type = null, data = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            else if (line.Length == 0 && type is not null) return new FeedEvent(type, JsonNode.Parse(data!)!);
        }
        throw new EndOfStreamException();
    }

    [Fact]
    public async Task The_served_OpenAPI_documents_both_feeds_as_Bos_extensions()
    {
        var paths = (await _client.Get("/v2/openapi.json")).Body!["paths"]!;

        foreach (var path in new[] { "/ui/api/sessions/events", "/ui/api/sessions/{session_id}/events" })
            paths[path]!["get"]!["tags"]!.AsArray().Select(t => (string)t!).Should().Contain("bos-extensions", path);
        paths.AsObject().Select(p => p.Key).Should().NotContain(p => p == "/ui" || p == "/ui/{file}", "the files are not API operations");
    }
}
