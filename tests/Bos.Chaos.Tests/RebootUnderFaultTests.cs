using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace Bos.Chaos.Tests;

/// <summary>
/// Issue #11: a 12-node reboot with a fault injected mid-session. Each scenario asserts that the session completes
/// 100 %, every node ends on, booted and configured, no node got a power action twice, and every API write
/// acknowledged during the fault is there afterwards. BOS_CHAOS_REPEAT runs the RabbitMQ restarts more often.
/// </summary>
[Collection(ChaosCollection.Name)]
// Not yet in the default run (issue #11 open): in a loaded clean-clone run the Redis-restart session did not complete in
// 240 s and a later scenario inherited its nodes. `scripts/test --chaos` runs it.
[Trait("Category", "Chaos")]
public sealed class RebootUnderFaultTests(ChaosCluster cluster, ITestOutputHelper output)
{
    private const string Image = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";
    private static int Repeat => int.TryParse(Environment.GetEnvironmentVariable("BOS_CHAOS_REPEAT"), out var n) && n > 0 ? n : 2;

    [Fact]
    public async Task A_worker_SIGKILLed_mid_session_then_restarted_loses_no_work_and_repeats_no_power_action() =>
        await RebootUnderFault("kill", async () =>
        {
            cluster.KillWorker(0);
            await Task.Delay(TimeSpan.FromSeconds(5));
            await cluster.StartWorkerAsync(0);
        });

    [Fact]
    public async Task A_Redis_restart_mid_session_loses_no_acknowledged_write_and_repeats_no_power_action() =>
        await RebootUnderFault("redis", async () =>
        {
            await cluster.Services.StopAsync("redis");
            await Task.Delay(TimeSpan.FromSeconds(5));
            await cluster.Services.StartAsync("redis");
        });

    [Fact]
    public async Task RabbitMQ_restarts_of_about_15_s_mid_session_are_recovered_every_time()
    {
        for (var i = 0; i < Repeat; i++)
            await RebootUnderFault($"rabbit-short-{i}", async () =>
            {
                await cluster.Services.StopAsync("rabbitmq");
                await cluster.Services.StartAsync("rabbitmq");
            });
    }

    [Fact]
    public async Task A_RabbitMQ_outage_of_60_s_mid_session_is_recovered_and_workers_are_unready_meanwhile()
    {
        for (var i = 0; i < Math.Max(1, Repeat / 2); i++)
            await RebootUnderFault($"rabbit-long-{i}", async () =>
            {
                await cluster.Services.StopAsync("rabbitmq");
                var outage = Stopwatch.StartNew();
                // Readiness tells the truth while the broker is away: 503, saying which, within a bounded time.
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                HttpResponseMessage? ready = null;
                while (outage.Elapsed < TimeSpan.FromSeconds(40))
                {
                    ready?.Dispose();
                    ready = await http.GetAsync(cluster.WorkerProbe(1, "ready"));
                    if (ready.StatusCode == HttpStatusCode.ServiceUnavailable) break;
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
                ready!.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a worker without its broker is not ready");
                (await ready.Content.ReadAsStringAsync()).Should().Contain("brokerStatus");
                ready.Dispose();
                var rest = TimeSpan.FromSeconds(45) - outage.Elapsed;
                if (rest > TimeSpan.Zero) await Task.Delay(rest);
                await cluster.Services.StartAsync("rabbitmq");
            });
    }

    [Fact]
    public async Task PCS_errors_and_hangs_mid_session_are_retried_until_the_session_completes() =>
        await RebootUnderFault("pcs", async () =>
        {
            await cluster.SetFaultsAsync("""{"services":{"pcs":{"errorRate":0.5,"errorStatus":500,"hangRate":0.1,"hangSeconds":5}}}""");
            await Task.Delay(TimeSpan.FromSeconds(15));
            await cluster.ClearFaultsAsync();
        });

    [Fact]
    public async Task CFS_errors_mid_session_are_retried_until_the_session_completes() =>
        await RebootUnderFault("cfs", async () =>
        {
            await cluster.SetFaultsAsync("""{"services":{"cfs":{"errorRate":0.6,"errorStatus":503}}}""");
            await Task.Delay(TimeSpan.FromSeconds(12));
            await cluster.ClearFaultsAsync();
        });

    private async Task RebootUnderFault(string name, Func<Task> fault)
    {
        var started = DateTimeOffset.UtcNow;
        output.WriteLine($"{name}: logs in {cluster.Logs}");
        var template = JsonSerializer.Serialize(new
        {
            boot_sets = new { compute = new { path = Image, type = "s3", node_list = ChaosCluster.Nodes } },
            cfs = new { configuration = "demo-config" },
        });
        (await cluster.Api.PutAsync("/v2/sessiontemplates/chaos", Json(template))).EnsureSuccessStatusCode();
        var session = $"chaos-{name}-{Guid.NewGuid():N}"[..40];
        (await cluster.Api.PostAsync("/v2/sessions", Json($$"""{"name":"{{session}}","template_name":"chaos","operation":"reboot"}""")))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        // Mid-session: once a node has been asked to power off.
        await Until(async () => (await PowerRequests(ChaosCluster.Nodes[0], started)).Count > 0
                                || (await PowerRequests(ChaosCluster.Nodes[^1], started)).Count > 0, "a power-off under way", 60);

        // API writes while the fault lasts: only the acknowledged ones must survive.
        using var writing = new CancellationTokenSource();
        var acknowledged = new List<string>();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !writing.IsCancellationRequested; i++)
            {
                var id = $"ack-{name}-{i}";
                try
                {
                    var body = JsonSerializer.Serialize(new { boot_sets = new { compute = new { path = Image, type = "s3", node_list = new[] { ChaosCluster.Nodes[0] } } } });
                    if ((await cluster.Api.PutAsync($"/v2/sessiontemplates/{id}", Json(body))).IsSuccessStatusCode) acknowledged.Add(id);
                }
                catch (Exception) { /* not acknowledged */ }
                try { await Task.Delay(300, writing.Token); } catch (OperationCanceledException) { }
            }
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await fault();
        writing.Cancel();
        await writer;
        output.WriteLine($"{name}: fault over after {clock.Elapsed.TotalSeconds:F0} s, {acknowledged.Count} writes acknowledged meanwhile");

        await Until(async () =>
        {
            try { return (await cluster.Api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{session}")).GetProperty("status").GetProperty("status").GetString() == "complete"; }
            catch (Exception) { return false; }
        }, $"session {session} complete", 240);
        output.WriteLine($"{name}: session complete after {clock.Elapsed.TotalSeconds:F0} s; supervisor restarts so far {cluster.SupervisorRestarts}");

        var status = await cluster.Api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{session}/status");
        status.GetProperty("percent_successful").GetDouble().Should().Be(100, status.ToString());
        foreach (var node in ChaosCluster.Nodes)
        {
            var state = await cluster.NodeAsync(node);
            state.GetProperty("power").GetString().Should().Be("on", node);
            state.GetProperty("phase").GetString().Should().Be("up", node);
            var requests = await PowerRequests(node, started);
            requests.Should().Equal(["Soft-Off requested", "On requested"], $"{node} gets one power-off and one power-on in a reboot");
        }
        foreach (var id in acknowledged)
            (await cluster.Api.GetAsync($"/v2/sessiontemplates/{id}")).StatusCode.Should().Be(HttpStatusCode.OK, $"{id} was acknowledged");
    }

    private async Task<List<string>> PowerRequests(string node, DateTimeOffset since) =>
        (await cluster.NodeAsync(node)).GetProperty("history").EnumerateArray()
        .Where(e => e.GetProperty("at").GetDateTimeOffset() >= since && e.GetProperty("event").GetString()!.EndsWith(" requested", StringComparison.Ordinal))
        .Select(e => e.GetProperty("event").GetString()!).ToList();

    private static async Task Until(Func<Task<bool>> condition, string what, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {seconds} s: {what}");
            await Task.Delay(250);
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
