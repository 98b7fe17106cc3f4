using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bos.Testing;
using Bos.Testing.Upstream;
using Bos.Workers.Tests.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Sessions;

/// <summary>
/// End to end: the migration command imports an upstream BOS database (tests/Bos.Testing/Upstream) into a running
/// Bos on the simulated cluster; the session upstream left running finishes under Bos, and a reboot session runs on
/// the imported template and components.
/// </summary>
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class ImportedClusterTests(SessionCluster cluster) : IClassFixture<SessionCluster>, IAsyncLifetime
{
    private UpstreamBosServer _upstream = null!;

    public async Task InitializeAsync() => _upstream = await UpstreamBosServer.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task After_the_import_the_running_session_completes_and_a_reboot_runs_on_the_imported_components()
    {
        var (code, output) = await Migrate("--from-upstream", _upstream.Url);
        code.Should().Be(0, output);
        output.Should().Contain("components: 0 unchanged, 6 imported, 0 repaired, 1 rejected");
        // The imported options are upstream's production timings; the simulated cluster keeps its fast ones.
        (await cluster.Api.PatchAsync("/v2/options", JsonContent.Create(new { max_power_on_wait_time = 2, max_boot_wait_time = 3, max_power_off_wait_time = 1 })))
            .EnsureSuccessStatusCode();

        await Complete("reboot-running");
        foreach (var node in new[] { 5, 6 }.Select(OrchestrationCluster.Node))
            (await cluster.NodeAsync(node)).GetProperty("power").GetString().Should().Be("on");

        using var created = await cluster.Api.PostAsync("/v2/sessions", new StringContent(
            """{"name":"reboot-imported","template_name":"compute","operation":"reboot"}""", Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        await Complete("reboot-imported");
        var status = await cluster.Api.GetFromJsonAsync<JsonElement>("/v2/sessions/reboot-imported/status");
        status.GetProperty("percent_successful").GetDouble().Should().Be(100);
        (await cluster.HistoryAsync(OrchestrationCluster.Node(1))).Should().ContainInOrder("On requested", "booted");
    }

    private async Task Complete(string session) => await Eventually.True(async () =>
        (await cluster.Api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{session}")).GetProperty("status").GetProperty("status").GetString() == "complete",
        $"session {session} complete", TimeSpan.FromSeconds(120));

    /// <summary>Runs the built command (`dotnet Bos.Migrate.dll`) against the cluster's Redis prefix.</summary>
    private async Task<(int Code, string Output)> Migrate(params string[] args)
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var dll = Path.Combine(root, "migrate/bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0/Bos.Migrate.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. args, $"--Redis:Configuration={TestServices.RedisConfiguration}",
            $"--Redis:KeyPrefix={cluster.Worker.Redis.KeyPrefix}", "--Logging:Level=WARNING"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await errors);
    }
}
