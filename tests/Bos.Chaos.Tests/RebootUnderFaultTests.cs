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
/// 100 %, every node ends in its desired state (BOS: stable, disabled, no error, booted the desired artifacts with
/// the desired configuration; the simulator: on, up, booted in this session, configured), no node got a power action
/// twice (the simulator's power history: one Soft-Off, one On), and every API write acknowledged during the fault is
/// there afterwards. The PCS and CFS scenarios also assert that the failure shows in the components' error (and so in
/// the session status) while it lasts. The RabbitMQ restarts run <see cref="Repeat"/> times (short) and one fewer,
/// at least twice (long); BOS_CHAOS_REPEAT=N raises that for a soak.
/// </summary>
[Collection(ChaosCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class RebootUnderFaultTests(ChaosCluster cluster, ITestOutputHelper output)
{
    private const string Image = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";
    private static int Repeat => int.TryParse(Environment.GetEnvironmentVariable("BOS_CHAOS_REPEAT"), out var n) && n > 0 ? n : 3;
    private static readonly TimeSpan LongOutage = TimeSpan.FromSeconds(60);

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
    public async Task RabbitMQ_outages_of_60_s_mid_session_are_recovered_every_time_and_workers_are_unready_meanwhile()
    {
        for (var i = 0; i < Math.Max(2, Repeat - 1); i++)
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
                var rest = LongOutage - outage.Elapsed;
                if (rest > TimeSpan.Zero) await Task.Delay(rest);
                await cluster.Services.StartAsync("rabbitmq");
            });
    }

    [Fact]
    public async Task PCS_errors_and_hangs_mid_session_show_in_the_components_error_and_are_retried_until_the_session_completes() =>
        await RebootUnderFault("pcs", async () =>
        {
            await cluster.SetFaultsAsync("""{"services":{"pcs":{"errorRate":0.5,"errorStatus":500,"hangRate":0.1,"hangSeconds":5}}}""");
            await Task.Delay(TimeSpan.FromSeconds(15));
            await cluster.ClearFaultsAsync();
        }, failingService: "pcs");

    [Fact]
    public async Task CFS_errors_mid_session_show_in_the_components_error_and_are_retried_until_the_session_completes() =>
        await RebootUnderFault("cfs", async () =>
        {
            await cluster.SetFaultsAsync("""{"services":{"cfs":{"errorRate":0.6,"errorStatus":503}}}""");
            await Task.Delay(TimeSpan.FromSeconds(12));
            await cluster.ClearFaultsAsync();
        }, failingService: "cfs");

    private async Task RebootUnderFault(string name, Func<Task> fault, string? failingService = null)
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
        using var faulting = new CancellationTokenSource();
        var acknowledged = new List<string>();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !faulting.IsCancellationRequested; i++)
            {
                var id = $"ack-{name}-{i}";
                try
                {
                    var body = JsonSerializer.Serialize(new { boot_sets = new { compute = new { path = Image, type = "s3", node_list = new[] { ChaosCluster.Nodes[0] } } } });
                    if ((await cluster.Api.PutAsync($"/v2/sessiontemplates/{id}", Json(body))).IsSuccessStatusCode) acknowledged.Add(id);
                }
                catch (Exception) { /* not acknowledged */ }
                try { await Task.Delay(300, faulting.Token); } catch (OperationCanceledException) { }
            }
        });
        // A failing service must show while it fails: the components' error, or the session status's error_summary.
        var shown = new List<string>();
        var watcher = failingService is null ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!faulting.IsCancellationRequested)
            {
                try
                {
                    var components = await cluster.Api.GetFromJsonAsync<JsonElement>($"/v2/components?session={session}");
                    shown.AddRange(components.EnumerateArray().Select(c => c.GetProperty("error").GetString() ?? "")
                        .Where(e => NamesService(e, failingService)));
                    var summary = (await cluster.Api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{session}/status")).GetProperty("error_summary");
                    shown.AddRange(summary.EnumerateObject().Select(e => e.Name).Where(e => NamesService(e, failingService)));
                }
                catch (Exception) { /* the next look */ }
                try { await Task.Delay(250, faulting.Token); } catch (OperationCanceledException) { }
            }
        });
        var clock = Stopwatch.StartNew();
        await fault();
        faulting.Cancel();
        await Task.WhenAll(writer, watcher);
        output.WriteLine($"{name}: fault over after {clock.Elapsed.TotalSeconds:F0} s, {acknowledged.Count} writes acknowledged meanwhile");
        if (failingService is not null)
        {
            output.WriteLine($"{name}: {shown.Count} sightings of a {failingService} error, e.g. {shown.FirstOrDefault()}");
            shown.Should().NotBeEmpty($"a failing {failingService} shows in the components' error while it fails");
        }

        var faultOver = clock.Elapsed;
        try
        {
            await UntilComplete(session);
        }
        catch (TimeoutException)
        {
            await DescribeNodes(session, started);
            throw;
        }
        output.WriteLine($"{name}: session complete after {clock.Elapsed.TotalSeconds:F0} s; supervisor restarts so far {cluster.SupervisorRestarts}");
        // A slow recovery passes, but says where the time went (the nodes' histories and records).
        if (clock.Elapsed - faultOver > TimeSpan.FromSeconds(60)) await DescribeNodes(session, started);

        // 100 % complete and successful.
        var status = await cluster.Api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{session}/status");
        status.GetProperty("percent_successful").GetDouble().Should().Be(100, status.ToString());

        // Every node in its desired state, in BOS and on the (simulated) hardware.
        var records = (await cluster.Api.GetFromJsonAsync<JsonElement>($"/v2/components?session={session}")).EnumerateArray().ToList();
        records.Select(c => c.GetProperty("id").GetString()).Should().BeEquivalentTo(ChaosCluster.Nodes);
        foreach (var c in records)
        {
            var id = c.GetProperty("id").GetString()!;
            var desired = c.GetProperty("desired_state");
            var kernel = desired.GetProperty("boot_artifacts").GetProperty("kernel").GetString();
            kernel.Should().NotBeNullOrEmpty(id);
            c.GetProperty("status").GetProperty("status").GetString().Should().Be("stable", c.ToString());
            c.GetProperty("enabled").GetBoolean().Should().BeFalse(id);
            c.GetProperty("error").GetString().Should().BeEmpty(c.ToString());
            c.GetProperty("actual_state").GetProperty("boot_artifacts").GetProperty("kernel").GetString().Should().Be(kernel, id);
            desired.GetProperty("configuration").GetString().Should().Be("demo-config", id);

            var node = await cluster.NodeAsync(id);
            node.GetProperty("power").GetString().Should().Be("on", id);
            node.GetProperty("phase").GetString().Should().Be("up", id);
            var booted = node.GetProperty("booted");
            booted.GetProperty("kernel").GetString().Should().Be(kernel, id);
            booted.GetProperty("at").GetDateTimeOffset().Should().BeAfter(started, $"{id} booted in this session");
            node.GetProperty("cfs").GetProperty("desiredConfig").GetString().Should().Be("demo-config", id);
            node.GetProperty("cfs").GetProperty("configurationStatus").GetString().Should().Be("configured", id);

            // No duplicate power action: the simulator's power history since the session began.
            (await PowerRequests(id, started)).Should().Equal(["Soft-Off requested", "On requested"], $"{id} gets one power-off and one power-on in a reboot");
        }

        // No acknowledged write lost.
        foreach (var id in acknowledged)
            (await cluster.Api.GetAsync($"/v2/sessiontemplates/{id}")).StatusCode.Should().Be(HttpStatusCode.OK, $"{id} was acknowledged");
    }

    /// <summary>
    /// Whether an error names the failing service the way D-19's texts do: the failed call ("pcs POST http://…: HTTP 500 …")
    /// or the step ("… reading power status from PCS", "… setting CFS information").
    /// </summary>
    private static bool NamesService(string error, string service) =>
        error.Contains(service + " ", StringComparison.Ordinal) || error.Contains(service.ToUpperInvariant(), StringComparison.Ordinal);

    private async Task UntilComplete(string session) =>
        await Until(async () =>
        {
            using var response = await TryGet($"/v2/sessions/{session}");
            if (response is null) return false;
            // The session's creation was acknowledged: gone means the store lost it, and waiting would only hide that.
            if (response.StatusCode == HttpStatusCode.NotFound) throw new InvalidOperationException($"session {session} is gone: the store lost an acknowledged write");
            if (!response.IsSuccessStatusCode) return false;
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetProperty("status").GetString() == "complete";
        }, $"session {session} complete", 240);

    /// <summary>Each node's record in BOS and its history in the simulator since <paramref name="since"/>, into the test output.</summary>
    private async Task DescribeNodes(string session, DateTimeOffset since)
    {
        try
        {
            var records = (await cluster.Api.GetFromJsonAsync<JsonElement>($"/v2/components?session={session}")).EnumerateArray()
                .ToDictionary(c => c.GetProperty("id").GetString()!);
            foreach (var id in ChaosCluster.Nodes)
            {
                var c = records.GetValueOrDefault(id);
                output.WriteLine(c.ValueKind == JsonValueKind.Undefined ? $"  {id}: not in the session"
                    : $"  {id}: {c.GetProperty("status")} enabled={c.GetProperty("enabled")} last_action={c.GetProperty("last_action")} error={c.GetProperty("error")}");
                var history = (await cluster.NodeAsync(id)).GetProperty("history").EnumerateArray()
                    .Where(e => e.GetProperty("at").GetDateTimeOffset() >= since)
                    .Select(e => $"{(e.GetProperty("at").GetDateTimeOffset() - since).TotalSeconds:F1}s {e.GetProperty("event").GetString()}");
                output.WriteLine($"    {string.Join("; ", history)}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            output.WriteLine($"  (could not describe the nodes: {e.Message})");
        }
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

    /// <summary>A GET whose failure to answer (the API busy with the fault) is not a verdict: null.</summary>
    private async Task<HttpResponseMessage?> TryGet(string path)
    {
        try { return await cluster.Api.GetAsync(path); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return null; }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
