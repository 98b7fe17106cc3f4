using System.Net.Http.Json;
using Bos.Contracts.Resources;
using Bos.Core.Sessions;
using Bos.Testing;
using Bos.Workers.Tests.Orchestration;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Bos.Ui.Tests;

/// <summary>
/// The dashboard at /ui/ end to end: headless Chromium against a whole in-process Bos (real Redis and RabbitMQ, the
/// simulated cluster). Screenshots of the main views are kept in tests/artifacts/ui/.
/// </summary>
[Collection(DashboardCollection.Name)]
[NeedsServices]
public sealed class DashboardTests(DashboardCluster cluster, Chromium chromium, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Image = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    private string Url(string path) => new Uri(cluster.Api.BaseAddress!, path).ToString();

    public async Task InitializeAsync()
    {
        await cluster.DiscoverAllNodesAsync();
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        _page = await _context.NewPageAsync();
        _page.SetDefaultTimeout(60_000);
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private async Task Template(string name, string nodes, string? tenant = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v2/sessiontemplates/{name}")
        {
            Content = HttpJson.Body($$"""{"boot_sets": {"compute": {"path": "{{Image}}", "type": "s3", "node_list": [{{nodes}}]} } }"""),
        };
        if (tenant is not null) request.Headers.Add("Cray-Tenant-Name", tenant);
        (await cluster.Api.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private async Task Session(string name, string template, string operation, string? limit = null, string? tenant = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/sessions")
        {
            Content = JsonContent.Create(new { name, template_name = template, operation, limit }),
        };
        if (tenant is not null) request.Headers.Add("Cray-Tenant-Name", tenant);
        (await cluster.Api.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private async Task Screenshot(string name) =>
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath(name), FullPage = true });

    [Fact]
    public async Task A_session_started_through_the_API_appears_on_the_dashboard_and_completes_there()
    {
        var nodes = new[] { 1, 2, 3 }.Select(OrchestrationCluster.Node).ToArray();
        await Template("ui-demo", string.Join(',', nodes.Select(n => $"\"{n}\"")));
        await _page.GotoAsync(Url("/ui/"));
        await Assertions.Expect(_page.Locator("#live")).ToHaveTextAsync("live");

        await Session("ui-boot", "ui-demo", "boot");

        var row = _page.Locator("tr[data-session='ui-boot']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 120_000 });
        await Assertions.Expect(row.Locator(".percent")).ToHaveTextAsync("100%");
        await Screenshot("sessions.png");

        await row.Locator("a").ClickAsync();
        await Assertions.Expect(_page.Locator("#session-status")).ToHaveAttributeAsync("data-status", "complete");
        await Assertions.Expect(_page.Locator(".legend [data-state='stable'] b")).ToHaveTextAsync("3");
        await Screenshot("session.png");

        // A click on the first square opens its node.
        await _page.Locator("#grid").ClickAsync(new LocatorClickOptions { Position = new Position { X = 3, Y = 3 } });
        await Assertions.Expect(_page.Locator("h1")).ToHaveTextAsync($"Node {nodes[0]}");
        await Assertions.Expect(_page.Locator("#record")).ToContainTextAsync("stable");
        if ((await cluster.Api.GetAsync($"/v2/components/{nodes[0]}/history")).StatusCode == System.Net.HttpStatusCode.NotFound)
            await Assertions.Expect(_page.Locator("#history")).ToHaveTextAsync("no history available");
        await Screenshot("node.png");

        // The history as GET /v2/components/{id}/history answers it (newest first), shown as it comes.
        await _page.RouteAsync("**/v2/components/*/history", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "application/json",
            Body = $$"""
                {"component": "{{nodes[0]}}", "entries": [
                  {"time": "2026-12-02T10:00:05Z", "kind": "phase", "session": "ui-boot", "summary": "powering_on -> ''", "details": { } },
                  {"time": "2026-12-02T10:00:01Z", "kind": "power", "session": "ui-boot", "summary": "power on requested", "details": { } }]}
                """,
        }));
        await _page.ReloadAsync();
        await Assertions.Expect(_page.Locator("#history tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(_page.Locator("#history tbody tr").First).ToContainTextAsync("powering_on -> ''");
        await Screenshot("node-history.png");
        await _page.UnrouteAllAsync();

        await _page.ClickAsync("nav a[data-nav='templates']");
        await Assertions.Expect(_page.Locator("details[data-template='ui-demo']")).ToContainTextAsync(nodes[0]);
        await Screenshot("templates.png");

        await _page.ClickAsync("nav a[data-nav='options']");
        await Assertions.Expect(_page.Locator("tr[data-option='max_power_on_wait_time']")).ToContainTextAsync("2");
        await Screenshot("options.png");
    }

    [Fact]
    public async Task A_quiet_page_stays_on_one_live_stream_through_the_servers_keepalives()
    {
        var feeds = 0;
        _page.Request += (_, request) => { if (request.Url.Contains("/ui/api/sessions/events")) Interlocked.Increment(ref feeds); };

        await _page.GotoAsync(Url("/ui/"));
        await Assertions.Expect(_page.Locator("#live")).ToHaveTextAsync("live");
        await Task.Delay(2000); // ten keep-alive intervals with nothing else to send

        await Assertions.Expect(_page.Locator("#live")).ToHaveTextAsync("live");
        feeds.Should().Be(1, "a keep-alive is not a reason to reconnect");
    }

    [Fact]
    public async Task With_a_tenant_selected_every_call_names_it_and_only_its_sessions_are_listed()
    {
        await Template("ui-shared", $"\"{OrchestrationCluster.Node(7)}\"");
        await Template("ui-blue", $"\"{OrchestrationCluster.Node(4)}\"", tenant: "vcluster-blue");
        // Limits matching none of the template's nodes: both sessions end at once ("No nodes were found to act upon").
        await Session("ui-untenanted", "ui-shared", "boot", limit: OrchestrationCluster.Node(8));
        await Session("ui-tenanted", "ui-blue", "boot", limit: OrchestrationCluster.Node(9), tenant: "vcluster-blue");
        var tenants = new List<string?>();
        _page.Request += (_, request) =>
        {
            if (request.Url.Contains("/ui/api/") || request.Url.Contains("/v2/")) tenants.Add(request.Headers.GetValueOrDefault("cray-tenant-name"));
        };

        await _page.GotoAsync(Url("/ui/"));
        await Assertions.Expect(_page.Locator("tr[data-session='ui-untenanted']")).ToBeVisibleAsync();
        await _page.FillAsync("#tenant", "vcluster-blue");
        await _page.ClickAsync("#settings button");

        await Assertions.Expect(_page.Locator("tr[data-session='ui-tenanted']")).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("tr[data-session='ui-untenanted']")).ToHaveCountAsync(0);
        await Screenshot("sessions-tenant.png");
        tenants.Should().Contain("vcluster-blue").And.EndWith("vcluster-blue");
    }

    [Fact]
    public async Task The_grid_of_a_10000_node_session_is_drawn_on_one_canvas_and_its_render_time_is_printed()
    {
        const int count = 10_000;
        var ids = Enumerable.Range(0, count).Select(i => $"x9000c{i / 1000}s{i % 1000 / 10}b0n{i % 10}").ToList();
        var body = "[" + string.Join(',', ids.Select((id, i) => i % 10 == 0
            ? $$"""{"id":"{{id}}","enabled":false,"session":"ui-10k","status":{"status_override":"failed"},"error":"simulated"}"""
            : $$"""{"id":"{{id}}","enabled":false,"session":"ui-10k"}""")) + "]";
        (await cluster.Api.PutAsync("/v2/components", HttpJson.Body(body))).EnsureSuccessStatusCode();
        // The record alone (as the API stores it), so that no operator acts on 10,000 nodes the simulator lacks.
        await cluster.Services.GetRequiredService<SessionRepository>().CreateAsync(new Session
        {
            Name = "ui-10k", Operation = "reboot", TemplateName = "none", Limit = "", Stage = false, Components = "", IncludeDisabled = false,
            Status = new SessionStatus { Status = SessionStatusLabels.Running, StartTime = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss") },
        });

        await _page.GotoAsync(Url("/ui/#/sessions/ui-10k"));
        await Assertions.Expect(_page.Locator(".legend [data-state='stable'] b")).ToHaveTextAsync("9000", new() { Timeout = 120_000 });
        await Assertions.Expect(_page.Locator(".legend [data-state='failed'] b")).ToHaveTextAsync("1000");
        (await _page.Locator("canvas").CountAsync()).Should().Be(1);
        (await _page.Locator("#view *").CountAsync()).Should().BeLessThan(200, "the nodes are drawn, not made elements");

        // The first draw plus five redraws of the whole grid, as on a window resize.
        var first = double.Parse((await _page.Locator("#grid-render").GetAttributeAsync("data-ms"))!, System.Globalization.CultureInfo.InvariantCulture);
        var redraws = await _page.EvaluateAsync<double[]>("() => [1,2,3,4,5].map(() => window.bosGrid.render())");
        var line = $"grid of {count:N0} nodes: first draw {first:F1} ms, redraws {string.Join(", ", redraws.Select(r => r.ToString("F1")))} ms";
        output.WriteLine(line);
        Console.WriteLine(line);
        await File.WriteAllTextAsync(Chromium.ArtifactPath("grid-10k.txt"), line + "\n");
        await Screenshot("session-10k.png");
        redraws.Max().Should().BeLessThan(500, "a full redraw of 10,000 nodes stays interactive");
    }
}
