using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Bos.Bench;

/// <summary>
/// Sustained mixed API load during a session: a reboot of N simulated nodes (the reboot benchmark's deployment:
/// simulator, API and a worker as separate processes) while C concurrent clients run what admins, scripts and
/// nodes send a live system for a fixed time: component reads and lists, session and extended-status reads,
/// bos-reporter PATCHes (from nodes outside the session, so they do not disturb it) and template reads.
/// </summary>
public sealed class MixedBenchmark(string repoRoot, TextWriter output)
{
    private const string Image = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";
    private const string Session = "bench-mixed";
    private const int Templates = 20;

    /// <summary>One kind of request of the mix and its weight (out of the weights' sum).</summary>
    private sealed record Kind(string Name, int Weight, Func<Random, HttpRequestMessage> Request);

    /// <summary>Runs the session and the load, prints the results; false when the session did not complete or a request failed.</summary>
    public async Task<bool> RunAsync(int nodes, int clients, TimeSpan duration, HardwareTiming timing, TimeSpan sessionTimeout)
    {
        var ids = Enumerable.Range(1, nodes).Select(n => $"x3000c0s{n}b0n0").ToArray();
        // Nodes that report (bos-reporter) but are not part of the session: they are not in the simulator's HSM.
        var reporters = Enumerable.Range(1, Math.Max(100, nodes)).Select(n => $"x9000c{n / 512}s{n % 512 / 8}b0n{n % 8}").ToArray();
        await using var cluster = await ClusterProcesses.StartAsync(repoRoot, nodes, 1, timing, async c =>
        {
            using var load = new HttpClient { BaseAddress = c.Api, Timeout = TimeSpan.FromMinutes(10) };
            foreach (var chunk in ids.Concat(reporters).Chunk(5000))
                (await load.PutAsync("/v2/components", Json("[" + string.Join(',', chunk.Select(id => $$"""{"id":"{{id}}","enabled":false}""")) + "]"))).EnsureSuccessStatusCode();
            for (var t = 0; t <= Templates; t++)
                (await load.PutAsync($"/v2/sessiontemplates/{Template(t)}", Json($$$"""{"boot_sets":{"compute":{"path":"{{{Image}}}","type":"s3","node_groups":["all"]}},"cfs":{"configuration":"bench-config"}}"""))).EnsureSuccessStatusCode();
            await c.WaitForOutboxAsync(TimeSpan.FromMinutes(5));
        });

        var reports = 0L;
        // Weights (per 100 requests): what a live system mostly serves is node reports and single-record reads; a few
        // watchers poll the session and its status, lists are rare. The extended status and the component list read
        // every component record per call, so their share drives the totals at large N.
        Kind[] mix =
        [
            new("GET /v2/components/{id}", 30, r => Get($"/v2/components/{ids[r.Next(ids.Length)]}")),
            new("GET /v2/components?ids=5 ids", 5, r => Get("/v2/components?ids=" + string.Join(',', Enumerable.Range(0, 5).Select(_ => ids[r.Next(ids.Length)])))),
            new("GET /v2/components?session= (list)", 1, _ => Get($"/v2/components?session={Session}")),
            new("GET /v2/sessions/{id}", 10, _ => Get($"/v2/sessions/{Session}")),
            new("GET /v2/sessions/{id}/status", 5, _ => Get($"/v2/sessions/{Session}/status")),
            new("GET /v2/sessions (list)", 2, _ => Get("/v2/sessions")),
            new("PATCH /v2/components/{id} (bos-reporter)", 30, r => new HttpRequestMessage(HttpMethod.Patch, $"/v2/components/{reporters[r.Next(reporters.Length)]}")
            {
                Content = Json($$$"""{"actual_state":{"bss_token":"bench-{{{Interlocked.Increment(ref reports)}}}"}}"""),
            }),
            new("GET /v2/sessiontemplates/{id}", 10, r => Get($"/v2/sessiontemplates/{Template(r.Next(Templates + 1))}")),
            new("GET /v2/sessiontemplates (list)", 2, _ => Get("/v2/sessiontemplates")),
            new("GET /v2/healthz", 5, _ => Get("/v2/healthz")),
        ];

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            BaseAddress = cluster.Api, Timeout = TimeSpan.FromMinutes(2),
        };
        using var watcher = new HttpClient { BaseAddress = cluster.Api, Timeout = TimeSpan.FromMinutes(2) };
        // Warm-up: one request of each kind (connections, JIT), not measured.
        foreach (var kind in mix) using (await http.SendAsync(kind.Request(new Random(0)))) { }

        var cpuBefore = cluster.CpuByPart();
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var clock = Stopwatch.StartNew();
        (await watcher.PostAsync("/v2/sessions", Json($$"""{"name":"{{Session}}","template_name":"{{Template(0)}}","operation":"reboot"}"""))).EnsureSuccessStatusCode();
        var sessionDone = WatchSession(watcher, clock, sessionTimeout);

        var results = await Load(http, mix, clients, duration);
        var loadSeconds = results.Elapsed.TotalSeconds;
        var cpu = cluster.CpuByPart().ToDictionary(p => p.Key, p => p.Value - cpuBefore[p.Key]);
        cpu["load generator"] = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - benchCpuBefore;
        var completedAt = await sessionDone; // waits on after the load until the session completes or times out
        var extended = await watcher.GetFromJsonAsync<JsonElement>($"/v2/sessions/{Session}/status");
        var successful = extended.GetProperty("percent_successful").GetDouble();

        var all = results.Latencies.SelectMany(l => l.Value).ToList();
        var errors = results.Errors.Values.Sum();
        var throughput = all.Count / loadSeconds;
        var (p50, p99) = (Stats.Median(all), Stats.Percentile(all, 99));
        var session = completedAt is { } at
            ? $"complete in {at.TotalSeconds:F1} s ({(at.TotalSeconds <= loadSeconds ? "during" : "after")} the load), {successful:F0}% successful"
            : $"NOT complete after {sessionTimeout.TotalSeconds:F0} s";
        output.WriteLine("| mixed | nodes | clients | seconds | requests | req/s | p50 / p99 | errors | session |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        output.WriteLine($"| reboot + API mix | {nodes:N0} | {clients} | {loadSeconds:F0} | {all.Count:N0} | {throughput:N0} | {p50:F1} / {p99:F1} ms | {errors} | {session} |");
        foreach (var kind in mix)
        {
            var mine = results.Latencies[kind.Name];
            output.WriteLine($"<!-- {kind.Name}: {mine.Count:N0} requests, p50 {Stats.Median(mine):F1} ms, p99 {Stats.Percentile(mine, 99):F1} ms, {results.Errors[kind.Name]} errors -->");
        }
        foreach (var (what, count) in results.ErrorKinds.OrderBy(e => e.Key)) output.WriteLine($"<!-- error: {what} × {count} -->");
        output.WriteLine($"<!-- CPU seconds during the load ({loadSeconds:F0} s × {Environment.ProcessorCount} cores): {string.Join(", ", cpu.Select(p => $"{p.Key} {p.Value:F1}"))} -->");
        output.WriteLine($"<!-- peak RSS API / worker: {ClusterProcesses.PeakRssMb(cluster.ApiProcess):F0} / {cluster.Workers.Max(ClusterProcesses.PeakRssMb):F0} MB -->");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mixed: clients={clients} seconds={loadSeconds:F0} nodes={nodes} req_s={throughput:F0} p50_ms={p50:F1} p99_ms={p99:F1} errors={errors} session_complete={(completedAt is not null ? "true" : "false")} session_s={completedAt?.TotalSeconds ?? -1:F1}"));
        return completedAt is not null && errors == 0;
    }

    private static string Template(int i) => i == 0 ? "bench" : $"bench-{i:D2}";

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private sealed record LoadResults(TimeSpan Elapsed, Dictionary<string, List<double>> Latencies, Dictionary<string, int> Errors, Dictionary<string, int> ErrorKinds);

    /// <summary><paramref name="clients"/> loops, each sending one request at a time drawn from the mix, until the time is up.</summary>
    private static async Task<LoadResults> Load(HttpClient http, Kind[] mix, int clients, TimeSpan duration)
    {
        var total = mix.Sum(k => k.Weight);
        var latencies = mix.ToDictionary(k => k.Name, _ => new List<double>());
        var errors = mix.ToDictionary(k => k.Name, _ => 0);
        var errorKinds = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(client + 1);
            var mine = mix.ToDictionary(k => k.Name, _ => new List<double>(50_000));
            var failed = new List<(string Kind, string What)>();
            while (clock.Elapsed < duration)
            {
                var draw = random.Next(total);
                var kind = mix.First(k => (draw -= k.Weight) < 0);
                var start = Stopwatch.GetTimestamp();
                string? error = null;
                try
                {
                    using var response = await http.SendAsync(kind.Request(random));
                    await response.Content.LoadIntoBufferAsync();
                    // Every request of the mix names something that exists, so no status outside 2xx is expected.
                    if (!response.IsSuccessStatusCode) error = $"{kind.Name} → {(int)response.StatusCode}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    error = $"{kind.Name} → {e.GetType().Name}";
                }
                mine[kind.Name].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (error is not null) failed.Add((kind.Name, error));
            }
            lock (latencies)
            {
                foreach (var (name, values) in mine) latencies[name].AddRange(values);
                foreach (var (name, what) in failed)
                {
                    errors[name]++;
                    errorKinds[what] = errorKinds.GetValueOrDefault(what) + 1;
                }
            }
        }));
        return new LoadResults(clock.Elapsed, latencies, errors, errorKinds);
    }

    /// <summary>Polls the session (outside the measured load) until it is complete; its time since creation, or null.</summary>
    private static async Task<TimeSpan?> WatchSession(HttpClient http, Stopwatch clock, TimeSpan timeout)
    {
        while (clock.Elapsed < timeout)
        {
            try
            {
                var session = await http.GetFromJsonAsync<JsonElement>($"/v2/sessions/{Session}");
                if (session.GetProperty("status").GetProperty("status").GetString() == "complete") return clock.Elapsed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
        return null;
    }
}
