using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bos.Testing;
using Bos.Workers.Tests.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Sessions;

/// <summary>The in-process worker runs only the session operators; the component operators run in worker processes.</summary>
public sealed class SplitCluster : OrchestrationCluster
{
    protected override string OperatorFamilies => "sessions";
}

/// <summary>
/// Horizontal scale and crash safety: two worker processes compete for the component queues; one is killed with
/// SIGKILL while a reboot session is under way, and the other finishes the session (messages are redelivered,
/// sagas resume from Redis).
/// </summary>
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class WorkerKillTests(SplitCluster cluster) : IClassFixture<SplitCluster>
{
    private const string Image = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";

    [Fact]
    public async Task A_worker_killed_mid_session_loses_no_work()
    {
        var nodes = Enumerable.Range(1, 8).Select(OrchestrationCluster.Node).ToList();
        (await cluster.Api.PutAsync("/v2/components", Json("[" + string.Join(',', nodes.Select(id => $$"""{"id":"{{id}}","enabled":false}""")) + "]")))
            .EnsureSuccessStatusCode();
        var bootSet = JsonSerializer.Serialize(new { boot_sets = new { compute = new { path = Image, type = "s3", node_list = nodes } } });
        (await cluster.Api.PutAsync("/v2/sessiontemplates/kill", Json(bootSet))).StatusCode.Should().Be(HttpStatusCode.OK);

        using var doomed = StartWorker();
        using var survivor = StartWorker();
        await WaitReady(doomed.Port);
        await WaitReady(survivor.Port);

        (await cluster.Api.PostAsync("/v2/sessions", Json("""{"name":"kill-boot","template_name":"kill","operation":"boot"}""")))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        // Mid-session: as soon as the first node has been asked to power on, the first worker dies without warning.
        await Eventually.True(async () => (await cluster.HistoryAsync(nodes[0])).Contains("On requested")
            || (await cluster.HistoryAsync(nodes[^1])).Contains("On requested"), "a power-on under way");
        doomed.Process.Kill(entireProcessTree: true);

        await Eventually.True(async () => (await cluster.Api.GetFromJsonAsync<JsonElement>("/v2/sessions/kill-boot"))
            .GetProperty("status").GetProperty("status").GetString() == "complete", "session complete after the kill", TimeSpan.FromSeconds(120));
        var status = await cluster.Api.GetFromJsonAsync<JsonElement>("/v2/sessions/kill-boot/status");
        status.GetProperty("percent_successful").GetDouble().Should().Be(100);
        foreach (var id in nodes) (await cluster.NodeAsync(id)).GetProperty("power").GetString().Should().Be("on");
        survivor.Process.HasExited.Should().BeFalse();
    }

    private sealed record WorkerProcess(Process Process, int Port) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
        }
    }

    private WorkerProcess StartWorker()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Bos.sln"))) root = Path.GetDirectoryName(root)!;
        var dll = Path.Combine(root, "workers", "bin", "Release", "net10.0", "Bos.Workers.dll");
        var port = OrchestrationCluster.FreePort();
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\"") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        // The cluster's own worker settings (Redis prefix, vhost, services, pacing); only these differ.
        var settings = new Dictionary<string, string>();
        foreach (var (key, value) in cluster.Worker.EffectiveSettings) settings[key] = value; // later layers win
        settings["Urls"] = $"http://127.0.0.1:{port}";
        settings["Worker:Operators"] = "components";
        settings["Worker:InstanceId"] = $"kill-{Guid.NewGuid():N}";
        settings["Orchestration:ReconcileInterval"] = "00:00:05";
        settings["Orchestration:ReconcileStartDelay"] = "00:00:01";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process, port);
    }

    private static async Task WaitReady(int port)
    {
        using var http = new HttpClient();
        await Eventually.True(async () =>
        {
            try { return (await http.GetAsync($"http://127.0.0.1:{port}/healthz/ready")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, "worker process ready", TimeSpan.FromSeconds(60));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
