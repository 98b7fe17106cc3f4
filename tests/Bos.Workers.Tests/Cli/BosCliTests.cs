using System.Diagnostics;
using System.Net.Http.Json;
using Bos.Testing;
using Bos.Workers.Tests.Orchestration;
using Bos.Workers.Tests.Sessions;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Cli;

/// <summary>
/// The `bos` CLI (cli/, issue #17) driven as a user would: its built tool run in a pseudo-terminal (util-linux
/// `script`) against a running Bos (API, worker with every operator, simulated demo cluster).
/// </summary>
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class BosCliTests(SessionCluster cluster) : IClassFixture<SessionCluster>, IAsyncLifetime
{
    private const string Image = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";

    public async Task InitializeAsync()
    {
        var ids = Enumerable.Range(1, cluster.NodeCount).Select(OrchestrationCluster.Node);
        using var response = await cluster.Api.PutAsync("/v2/components",
            HttpJson.Body("[" + string.Join(',', ids.Select(id => $$"""{"id":"{{id}}","enabled":false}""")) + "]"));
        response.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The tool as built beside this test assembly's configuration (the project reference builds it).</summary>
    private static string Tool()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')); // tests/Bos.Workers.Tests/bin/<Configuration>/net10.0
        var repo = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(repo, "cli", "bin", bin.Parent!.Name, bin.Name, "bos.dll");
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>Runs `bos` with a pseudo-terminal as its stdout (as in an admin's shell); its exit code and what it printed.</summary>
    private async Task<(int Exit, string Output)> Bos(bool terminal, params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", Tool(), "--url", cluster.Api.BaseAddress!.ToString() }.Concat(args).Select(Quote));
        var start = terminal
            ? new ProcessStartInfo("script", ["-qefc", command, "/dev/null"])
            : new ProcessStartInfo("sh", ["-c", command]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return (process.ExitCode, await output + await errors);
    }

    private async Task<string> Template(string nodes)
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await cluster.Api.PutAsync($"/v2/sessiontemplates/{name}", HttpJson.Body($$"""
            {"boot_sets": {"compute": {"path": "{{Image}}", "type": "s3", "node_list": [{{nodes}}]} } }
            """));
        response.EnsureSuccessStatusCode();
        return name;
    }

    [Fact]
    public async Task Create_with_watch_shows_live_bars_per_phase_and_the_ETA_and_exits_0_when_the_session_succeeds()
    {
        var template = await Template($"\"{OrchestrationCluster.Node(4)}\",\"{OrchestrationCluster.Node(5)}\"");

        var (exit, output) = await Bos(true, "sessions", "create", "--template", template, "--operation", "boot", "--name", "cli-boot",
            "--watch", "--interval", "0.2");

        exit.Should().Be(0, output);
        output.Should().Contain("session cli-boot created").And.Contain("powering on  [").And.Contain("configuring  ")
            .And.Contain("ETA").And.Contain("session complete").And.Contain("successful 100.0%");
        output.Should().Contain("\u001b[", "on a terminal the view is redrawn in place");
        (await cluster.Api.GetFromJsonAsync<System.Text.Json.JsonElement>("/v2/sessions/cli-boot"))
            .GetProperty("status").GetProperty("status").GetString().Should().Be("complete");
    }

    [Fact]
    public async Task Watch_of_a_session_that_fails_prints_the_error_and_exits_1()
    {
        var template = await Template($"\"{OrchestrationCluster.Node(6)}\"");
        (await Bos(false, "sessions", "create", "--template", template, "--operation", "boot", "--name", "cli-fails",
            "--limit", OrchestrationCluster.Node(7))).Exit.Should().Be(0);

        var (exit, output) = await Bos(true, "sessions", "watch", "cli-fails", "--interval", "0.2");

        exit.Should().Be(1, output);
        output.Should().Contain("session failed: No nodes were found to act upon.");
    }

    [Fact]
    public async Task Resources_print_as_table_json_or_yaml_and_a_dry_run_shows_each_nodes_action()
    {
        var template = await Template($"\"{OrchestrationCluster.Node(8)}\"");

        var table = await Bos(false, "templates", "list");
        table.Output.Should().StartWith("NAME").And.Contain(template);
        (await Bos(false, "-o", "json", "templates", "get", template)).Output.Should().Contain($"\"name\": \"{template}\"");
        (await Bos(false, "components", "get", OrchestrationCluster.Node(8), "--output", "yaml")).Output.Should().Contain($"id: {OrchestrationCluster.Node(8)}");
        (await Bos(false, "options", "list")).Output.Should().Contain("max_power_on_wait_time");

        var dry = await Bos(false, "dryrun", "session", "--template", template, "--operation", "reboot");
        dry.Exit.Should().Be(0, dry.Output);
        dry.Output.Should().Contain("would succeed: true").And.MatchRegex($@"{OrchestrationCluster.Node(8)}\s+compute\s+power_on");

        var refused = await Bos(false, "sessions", "get", "no-such-session");
        refused.Exit.Should().Be(1);
        refused.Output.Should().Contain("error: 404");
    }

    [Fact]
    public async Task After_a_session_the_nodes_history_shows_its_power_action_phase_changes_and_report_and_the_audit_log_its_creation()
    {
        var node = OrchestrationCluster.Node(9);
        var template = await Template($"\"{node}\"");
        var run = await Bos(false, "sessions", "create", "--template", template, "--operation", "boot", "--name", "cli-history", "--watch", "--interval", "0.2");
        run.Exit.Should().Be(0, run.Output);

        var history = await cluster.Api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v2/components/{node}/history");
        var entries = history.GetProperty("entries").EnumerateArray()
            .Select(e => (Kind: e.GetProperty("kind").GetString(), Session: e.GetProperty("session").GetString(), Summary: e.GetProperty("summary").GetString())).ToList();
        entries.Where(e => e.Session == "cli-history").Select(e => e.Kind).Should().Contain(["session_changed", "power_action", "phase_changed", "report"]);
        entries.Should().Contain(e => e.Summary == "Power action powering_on (attempt 1)").And.Contain(e => e.Summary == "Phase none -> powering_on")
            .And.Contain(e => e.Summary == "Phase powering_on -> none").And.Contain(e => e.Summary!.StartsWith("Reported booted kernel s3://"));

        var table = await Bos(false, "components", "history", node);
        table.Exit.Should().Be(0, table.Output);
        table.Output.Should().StartWith("TIME").And.Contain("Power action powering_on").And.Contain("cli-history");
        (await Bos(false, "components", "history", node, "--limit", "1", "-o", "json")).Output.Should().Contain($"\"component\": \"{node}\"");

        var audit = await Bos(false, "audit", "--resource", "session/cli-history", "-o", "yaml");
        audit.Exit.Should().Be(0, audit.Output);
        audit.Output.Should().Contain("action: POST /v2/sessions").And.Contain("status: 201");
        (await Bos(false, "components", "history", "no-such-node")).Output.Should().Contain("error: 404");
    }
}
