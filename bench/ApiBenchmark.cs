using System.Diagnostics;
using System.Net;
using System.Text;

namespace Bos.Bench;

/// <summary>
/// API numbers users feel: GET /v2/components of N records, and single-component GET and PATCH under concurrent
/// clients, against a real API process over real Redis. The load generator runs on the same machine.
/// </summary>
public sealed class ApiBenchmark(string repoRoot, TextWriter output)
{
    public async Task RunAsync(IReadOnlyList<int> sizes, int concurrency, TimeSpan duration, int listRuns)
    {
        output.WriteLine($"| benchmark | N | result | detail |");
        output.WriteLine($"|---|---|---|---|");
        foreach (var size in sizes)
        {
            await using var api = await ApiProcess.StartAsync(repoRoot);
            using var http = Client(api.BaseAddress, concurrency);
            await Seed(http, size);

            var list = await TimeList(http, size, listRuns);
            output.WriteLine($"| GET /v2/components | {size:N0} | median {list.Median:F0} ms | max {list.Max:F0} ms over {listRuns} runs, {list.Bytes / 1024.0 / 1024.0:F1} MB body |");

            var ids = Enumerable.Range(0, size).Select(Id).ToArray();
            var get = await Load(http, api, ids, concurrency, duration, id => new HttpRequestMessage(HttpMethod.Get, $"/v2/components/{id}"));
            output.WriteLine($"| GET /v2/components/{{id}} | {size:N0} | {get.Throughput:N0} req/s | p50 {get.P50:F1} ms, p99 {get.P99:F1} ms, {concurrency} clients, {get.Errors} errors, API {get.CpuMicroseconds:F0} µs CPU/request |");

            // What bos-reporter sends; a new token each time, so every PATCH is a real write with its events.
            var reports = 0L;
            var patch = await Load(http, api, ids, concurrency, duration, id => new HttpRequestMessage(HttpMethod.Patch, $"/v2/components/{id}")
            {
                Content = new StringContent($$$"""{"actual_state":{"bss_token":"bench-{{{Interlocked.Increment(ref reports)}}}"}}""", Encoding.UTF8, "application/json"),
            });
            output.WriteLine($"| PATCH /v2/components/{{id}} | {size:N0} | {patch.Throughput:N0} req/s | p50 {patch.P50:F1} ms, p99 {patch.P99:F1} ms, {concurrency} clients, {patch.Errors} errors, API {patch.CpuMicroseconds:F0} µs CPU/request |");
            output.WriteLine($"| API peak RSS | {size:N0} | {api.PeakRssMb():F0} MB | after the runs above |");
        }
    }

    internal static string Id(int i) => $"x{3000 + i / 4096}c0s{i % 4096 / 8}b0n{i % 8}";

    internal static HttpClient Client(Uri baseAddress, int concurrency) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5),
        };

    internal static async Task Seed(HttpClient http, int size)
    {
        const int chunk = 1000;
        for (var start = 0; start < size; start += chunk)
        {
            var body = new StringBuilder("[");
            for (var i = start; i < Math.Min(size, start + chunk); i++)
            {
                if (i > start) body.Append(',');
                body.Append($$$"""{"id":"{{{Id(i)}}}","enabled":false,"session":"bench","desired_state":{"boot_artifacts":{"kernel":"s3://boot-images/0f1e/kernel","kernel_parameters":"console=ttyS0,115200 ip=dhcp root=sbps-s3:s3://boot-images/0f1e/rootfs:abc nmd_data=url=s3://boot-images/0f1e/rootfs,etag=abc bos_update_frequency=4h","initrd":"s3://boot-images/0f1e/initrd"},"configuration":"compute-config"},"last_action":{"action":"session_setup","failed":false}}""");
            }
            body.Append(']');
            var response = await http.PutAsync("/v2/components", new StringContent(body.ToString(), Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<(double Median, double Max, long Bytes)> TimeList(HttpClient http, int size, int runs)
    {
        var times = new List<double>();
        long bytes = 0;
        for (var run = -1; run < runs; run++) // run -1 warms up
        {
            var watch = Stopwatch.StartNew();
            var body = await http.GetByteArrayAsync("/v2/components");
            watch.Stop();
            bytes = body.Length;
            if (run >= 0) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return (Stats.Median(times), times.Max(), bytes);
    }

    // CpuMicroseconds: the API process's CPU time per request, which a busy shared machine changes far less than req/s.
    internal static async Task<(double Throughput, double P50, double P99, int Errors, double CpuMicroseconds)> Load(HttpClient http, ApiProcess api,
        string[] ids, int concurrency, TimeSpan duration, Func<string, HttpRequestMessage> request)
    {
        // Warm-up: one request per client.
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => http.SendAsync(request(ids[i % ids.Length]))));
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var cpuBefore = api.CpuSeconds();
        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            var random = new Random(worker);
            while (deadline.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request(ids[random.Next(ids.Length)]));
                await response.Content.LoadIntoBufferAsync();
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            }
        }));
        var elapsed = deadline.Elapsed.TotalSeconds;
        var cpu = api.CpuSeconds() - cpuBefore;
        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count / elapsed, Stats.Percentile(all, 50), Stats.Percentile(all, 99), errors, cpu * 1e6 / all.Count);
    }
}
