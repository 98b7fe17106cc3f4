using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Bos.Bench;

/// <summary>
/// Orchestration overhead: a reboot session of N simulated nodes with fixed hardware timing, through the real API,
/// K real workers, Redis and RabbitMQ. Overhead = session wall time − the hardware's critical path.
/// </summary>
public sealed class RebootBenchmark(string repoRoot, TextWriter output)
{
    private const string Image = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";

    public static void Header(TextWriter output)
    {
        output.WriteLine("| reboot | N nodes | workers | wall | hardware path | overhead | off→On reaction p50 / p99 | PCS / BSS / CFS calls | msgs per node | worker CPU | peak RSS API / worker |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
    }

    /// <summary>
    /// Runs one reboot session and prints its row; false when the session did not complete in time. With
    /// <c>eventsConsumer</c> a foreign consumer is bound to every public event (bos.events, "#") during the session.
    /// </summary>
    public async Task<bool> RunAsync(int nodes, int workers, HardwareTiming timing, TimeSpan timeout, bool eventsConsumer = false, bool warmup = false, int repeat = 1)
    {
        var ids = Enumerable.Range(1, nodes).Select(n => $"x3000c0s{n}b0n0").ToList();
        // The components and the template exist before the workers start (as on a running system), so the events of
        // loading them are not in the measurement.
        await using var cluster = await ClusterProcesses.StartAsync(repoRoot, nodes, workers, timing, async c =>
        {
            using var load = new HttpClient { BaseAddress = c.Api, Timeout = TimeSpan.FromMinutes(10) };
            foreach (var chunk in ids.Chunk(5000))
                (await load.PutAsync("/v2/components", Json("[" + string.Join(',', chunk.Select(id => $$"""{"id":"{{id}}","enabled":false}""")) + "]"))).EnsureSuccessStatusCode();
            (await load.PutAsync("/v2/sessiontemplates/bench", Json($$$"""{"boot_sets":{"compute":{"path":"{{{Image}}}","type":"s3","node_groups":["all"]}},"cfs":{"configuration":"bench-config"}}"""))).EnsureSuccessStatusCode();
            await c.WaitForOutboxAsync(TimeSpan.FromMinutes(5));
        });
        using var api = new HttpClient { BaseAddress = cluster.Api, Timeout = TimeSpan.FromMinutes(10) };
        using var sim = new HttpClient { BaseAddress = cluster.Simulator, Timeout = TimeSpan.FromMinutes(10) };
        // --warmup: three reboots of a tenth of the nodes (at least 100) first, so the measured session runs in processes
        // whose code is compiled and mostly optimized, as on a running system (a fresh process JIT-compiles every path
        // of its first session, and its hot paths again over the next ones).
        if (warmup) await WarmUpAsync(api, cluster, ids.Take(Math.Min(nodes, Math.Max(100, nodes / 10))).ToList(), timeout, output);
        // --repeat N: the measured session N times in the same processes (one row and one `reboot:` line each), so
        // small effects can be told from the run-to-run spread of batch sizes and of the machine.
        var completed = true;
        for (var round = 1; round <= repeat; round++)
            completed &= await MeasureAsync(cluster, api, sim, ids, nodes, workers, timing, timeout, eventsConsumer, round == 1 ? "bench-reboot" : $"bench-reboot-{round}");
        return completed;
    }

    // Bytes the API and the workers allocated during the session (absent with telemetry off).
    private static string AllocatedPart(RuntimeCounters? counted) => counted is null ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $" api_alloc_mb={counted.ApiAllocatedBytes / 1048576:F0} worker_alloc_mb={counted.WorkerAllocatedBytes / 1048576:F0}");

    /// <summary>One measured reboot session of every node, named <paramref name="name"/>; prints its row and its line.</summary>
    private async Task<bool> MeasureAsync(ClusterProcesses cluster, HttpClient api, HttpClient sim, IReadOnlyList<string> ids, int nodes, int workers,
        HardwareTiming timing, TimeSpan timeout, bool eventsConsumer, string name)
    {
        await sim.DeleteAsync("/sim/requests");
        var messagesBefore = await cluster.PublishedMessagesSettledAsync();
        // Peak RSS of the session: loading 100,000 components before it must not count as the reboot's memory.
        var rssOfSession = new[] { cluster.ApiProcess }.Concat(cluster.Workers).Select(ClusterProcesses.ResetPeakRss).ToList().All(reset => reset);
        if (!rssOfSession) output.WriteLine("<!-- peak RSS covers the whole run: /proc/<pid>/clear_refs is not available -->");
        var cpuBefore = cluster.CpuByPart();
        var countersBefore = await RuntimeCounters.ReadAsync(cluster);
        var persistenceBefore = await RedisPersistenceWork.ReadAsync(ClusterProcesses.RedisServer);
        await using var profile = Environment.GetEnvironmentVariable("BOS_BENCH_PROFILE") is null ? null : await QueueProfile.StartAsync(cluster.VirtualHost);
        await using var events = eventsConsumer ? await EventsConsumer.BindAsync(cluster.VirtualHost) : null;
        var traces = await ProcessTraces.StartAsync(cluster); // BOS_BENCH_TRACE=dir: CPU profiles of API and workers
        var speedBefore = MachineSpeed.MeasureMs();

        var watch = new Stopwatch();
        await using var completedWatch = await SessionCompletedWatch.BindAsync(cluster.VirtualHost, name, watch);
        var started = DateTimeOffset.UtcNow;
        watch.Start();
        var created = await api.PostAsync("/v2/sessions", Json($$"""{"name":"{{name}}","template_name":"bench","operation":"reboot"}"""));
        created.EnsureSuccessStatusCode();
        string status;
        // The wall time ends when the public "session completed" event arrives; the session is also polled (every 100 ms
        // up to 10,000 nodes, 1 s at 100,000: a GET returns its component list, 1.8 MB at 100,000 nodes) in case the
        // event never comes. The polled time is printed too: the rows before 2026-12-03 evening measured that.
        var poll = TimeSpan.FromMilliseconds(Math.Max(100, nodes / 100));
        do
        {
            await Task.WhenAny(Task.Delay(poll), completedWatch.Completed);
            var session = await api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{name}");
            status = session.GetProperty("status").GetProperty("status").GetString()!;
        } while (status != "complete" && watch.Elapsed < timeout);
        var polledWall = watch.Elapsed.TotalSeconds;
        var wall = completedWatch.Completed.IsCompletedSuccessfully ? completedWatch.Completed.Result.TotalSeconds : polledWall;

        var extended = await api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{name}/status");
        var managed = extended.GetProperty("managed_components_count").GetInt32();
        var successful = extended.GetProperty("percent_successful").GetDouble();
        var cpuByPart = cluster.CpuByPart().ToDictionary(p => p.Key, p => p.Value - cpuBefore[p.Key]);
        var cpu = cpuByPart["workers"];
        var counted = countersBefore is null ? null : (await RuntimeCounters.ReadAsync(cluster))?.Since(countersBefore);
        var persistence = (await RedisPersistenceWork.ReadAsync(ClusterProcesses.RedisServer)).Since(persistenceBefore);
        if (traces is not null) await traces.StopAsync(); // after the CPU reading: the rundown is not the run's
        var calls = await sim.GetFromJsonAsync<Dictionary<string, long>>("/sim/requests") ?? [];
        long Calls(string service) => calls.Where(c => c.Key.StartsWith(service + " ", StringComparison.Ordinal) && !c.Key.Contains(" GET ")).Sum(c => c.Value);
        var (reactions, lastConfigured) = await Reactions(sim, ids, started);
        var speedAfter = MachineSpeed.MeasureMs();
        // After the rest: RabbitMQ's statistics lag by seconds.
        var messages = await cluster.PublishedMessagesSettledAsync() - messagesBefore;
        var msgsPerNode = managed == 0 ? 0 : messages / (double)managed;
        var (apiRss, workerRss) = (ClusterProcesses.PeakRssMb(cluster.ApiProcess), cluster.Workers.Max(ClusterProcesses.PeakRssMb));

        output.WriteLine($"| {(status == "complete" ? "" : "TIMED OUT ")}{managed:N0} managed, {successful:F0}% ok | {nodes:N0} | {workers} | {wall:F1} s | {timing.RebootCriticalPath:F1} s | " +
                         $"{wall - timing.RebootCriticalPath:F1} s | {Stats.Median(reactions):F0} / {Stats.Percentile(reactions, 99):F0} ms | " +
                         $"{Calls("pcs")} / {Calls("bss")} / {Calls("cfs")} | {msgsPerNode:F2} | {cpu:F1} s | {apiRss:F0} / {workerRss:F0} MB |");
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var eventsPart = events is null ? "" : string.Create(inv,
            $" events_consumer=true events_msgs={events.Messages} events_msgs_per_node={events.Messages / (double)Math.Max(1, managed):F3} component_events={events.ComponentEvents}");
        output.WriteLine(string.Create(inv, $"reboot: nodes={nodes} workers={workers} complete={(status == "complete" ? "true" : "false")} percent_successful={successful:F0} " +
                         $"wall_s={wall:F1} overhead_s={wall - timing.RebootCriticalPath:F1} reaction_p99_ms={Stats.Percentile(reactions, 99):F0} msgs_per_node={msgsPerNode:F2} " +
                         $"pcs_calls={Calls("pcs")} bss_calls={Calls("bss")} cfs_calls={Calls("cfs")} worker_rss_mb={workerRss:F0} api_rss_mb={apiRss:F0} " +
                         $"worker_cpu_s={cpu:F1} transitions_per_worker_cpu_s={(cpu <= 0 ? 0 : 4.0 * managed / cpu):F0} " +
                         $"api_cpu_s={cpuByPart["API"]:F1} simulator_cpu_s={cpuByPart["simulator"]:F1} rabbitmq_cpu_s={cpuByPart["RabbitMQ"]:F1} " +
                         $"redis_cpu_s={cpuByPart["Redis"]:F1} redis_child_cpu_s={persistence.ChildCpuSeconds:F1} redis_aof_rewrites={persistence.AofRewrites} " +
                         $"speed_check_ms={speedBefore:F0},{speedAfter:F0}{AllocatedPart(counted)}{eventsPart}"));
        if (Environment.GetEnvironmentVariable("BOS_BENCH_TIMELINE") is not null)
        {
            var node = await sim.GetFromJsonAsync<JsonElement>($"/sim/nodes/{ids[0]}");
            foreach (var e in node.GetProperty("history").EnumerateArray())
                output.WriteLine($"<!-- {ids[0]} +{(e.GetProperty("at").GetDateTimeOffset() - started).TotalSeconds:F2}s {e.GetProperty("event").GetString()} -->");
            output.WriteLine($"<!-- session complete +{wall:F2}s -->");
        }
        output.WriteLine($"<!-- CPU seconds during the session: {string.Join(", ", cpuByPart.Select(p => $"{p.Key} {p.Value:F1}"))}; Redis's forked " +
                         $"children {persistence.ChildCpuSeconds:F1} ({persistence.AofRewrites} AOF rewrites, {persistence.RdbSaves} RDB snapshots) -->");
        output.WriteLine($"<!-- methods JIT-compiled by the API and workers during the session: {counted?.CompiledMethods.ToString() ?? "unknown"} -->");
        output.WriteLine($"<!-- last sampled node configured +{(lastConfigured - started).TotalSeconds:F2}s, session complete +{wall:F2}s " +
                         $"({(completedWatch.Completed.IsCompletedSuccessfully ? "its public event" : "no public event: polled")}; polled +{polledWall:F2}s) -->");
        if (profile is not null)
            foreach (var row in await profile.ReportAsync(managed)) output.WriteLine(row);
        output.WriteLine($"<!-- calls: {string.Join(", ", calls.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"))} -->");
        return status == "complete";
    }

    // Three warm-up sessions: a method is compiled again, optimized, once it has been called 30 times after start-up
    // quietened, and code called once per batch needs several sessions to get there. One warm-up of 1,000 nodes left
    // ~1,700 methods to be recompiled during a 10k session (~1.5 s of the worker's CPU); the API and workers compiled
    // 22.7k, 4.1k, 1.2k, 0.7k and 0.5k methods in five (BENCHMARKS.md).
    private const int WarmUps = 3;

    private static async Task WarmUpAsync(HttpClient api, ClusterProcesses cluster, IReadOnlyList<string> ids, TimeSpan timeout, TextWriter output)
    {
        var before = (await RuntimeCounters.ReadAsync(cluster))?.CompiledMethods;
        var counts = new List<string>();
        for (var round = 1; round <= WarmUps; round++)
        {
            await WarmUpSessionAsync(api, $"bench-warmup-{round}", ids, timeout);
            var after = (await RuntimeCounters.ReadAsync(cluster))?.CompiledMethods;
            var compiled = after - before;
            before = after;
            counts.Add(compiled?.ToString("N0") ?? "unknown");
        }
        output.WriteLine($"<!-- warm-up: {WarmUps} sessions of {ids.Count:N0} nodes; methods compiled during each: {string.Join(", ", counts)} -->");
    }

    private static async Task WarmUpSessionAsync(HttpClient api, string name, IReadOnlyList<string> ids, TimeSpan timeout)
    {
        (await api.PostAsync("/v2/sessions", Json($$"""{"name":"{{name}}","template_name":"bench","operation":"reboot","limit":"{{string.Join(',', ids)}}"}"""))).EnsureSuccessStatusCode();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            await Task.Delay(250);
            var session = await api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{name}");
            if (session.GetProperty("status").GetProperty("status").GetString() == "complete") return;
        }
        throw new TimeoutException($"The warm-up session {name} did not complete");
    }

    /// <summary>
    /// For a sample of nodes: from the node turning off (after Soft-Off) to Bos's PCS On for it; and when the last
    /// of them finished its CFS configuration (the rest of the wall time is Bos noticing and completing the session);
    /// only what happened from <paramref name="since"/> counts (not the warm-ups').
    /// </summary>
    private static async Task<(List<double> Reactions, DateTimeOffset LastConfigured)> Reactions(HttpClient sim, IReadOnlyList<string> ids, DateTimeOffset since)
    {
        var lastConfigured = DateTimeOffset.MinValue;
        var sample = ids.Where((_, i) => i % Math.Max(1, ids.Count / 200) == 0).Take(200);
        var reactions = new List<double>();
        foreach (var id in sample)
        {
            var node = await sim.GetFromJsonAsync<JsonElement>($"/sim/nodes/{id}");
            DateTimeOffset? off = null;
            foreach (var e in node.GetProperty("history").EnumerateArray())
            {
                var at = e.GetProperty("at").GetDateTimeOffset();
                var what = e.GetProperty("event").GetString();
                if (at < since) continue;
                if (what == "CFS configured" && at > lastConfigured) lastConfigured = at;
                if (what == "powered off") off = at;
                else if (what == "On requested" && off is { } o) { reactions.Add((at - o).TotalMilliseconds); off = null; }
            }
        }
        return (reactions, lastConfigured);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
