using System.Globalization;

namespace Bos.Bench;

/// <summary>
/// GET /v2/components/{id} against two API processes running side by side — telemetry on and off (default), or this
/// build and another worktree's (<c>--baseline</c>) — in short load slices that alternate between them (A B, B A, …).
/// Both see the same machine load within a round, so the per-round ratio B/A of the API's CPU per request cancels what
/// a shared machine adds to whole runs (±25 % between separate runs); the median over rounds resolves a few per cent.
/// </summary>
public sealed class ApiAbBenchmark(string repoRoot, TextWriter output)
{
    /// <summary>Runs the rounds; false when any request was not answered 200.</summary>
    public async Task<bool> RunAsync(int size, int concurrency, TimeSpan slice, int rounds, string? baselineRoot)
    {
        var (nameA, nameB) = baselineRoot is null ? ("telemetry on", "telemetry off") : ("this build", "baseline " + baselineRoot);
        await using var a = await ApiProcess.StartAsync(repoRoot, baselineRoot is null ? true : null);
        await using var b = await ApiProcess.StartAsync(baselineRoot ?? repoRoot, baselineRoot is null ? false : null);
        using var httpA = ApiBenchmark.Client(a.BaseAddress, concurrency);
        using var httpB = ApiBenchmark.Client(b.BaseAddress, concurrency);
        await ApiBenchmark.Seed(httpA, size);
        await ApiBenchmark.Seed(httpB, size);
        var ids = Enumerable.Range(0, size).Select(ApiBenchmark.Id).ToArray();
        HttpRequestMessage Get(string id) => new(HttpMethod.Get, $"/v2/components/{id}");
        // Unreported warm-up of each, so that the JIT's tiering is done before the first round (the first rounds'
        // CPU per request was up to twice the later ones').
        await ApiBenchmark.Load(httpA, a, ids, concurrency, 2 * slice, Get);
        await ApiBenchmark.Load(httpB, b, ids, concurrency, 2 * slice, Get);

        output.WriteLine($"A = {nameA}, B = {nameB}; GET /v2/components/{{id}}, {size:N0} components, {concurrency} clients, {slice.TotalSeconds:F1} s slices");
        output.WriteLine("| round | A req/s | B req/s | A µs CPU/GET | B µs CPU/GET | CPU B/A | load |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        var cpuRatios = new List<double>();
        var rateRatios = new List<double>();
        var cpuA = new List<double>();
        var cpuB = new List<double>();
        var rateA = new List<double>();
        var rateB = new List<double>();
        var errors = 0;
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which goes first, so neither always follows the other's garbage collections or warm caches.
            var aFirst = round % 2 == 0;
            var first = await ApiBenchmark.Load(aFirst ? httpA : httpB, aFirst ? a : b, ids, concurrency, slice, Get);
            var second = await ApiBenchmark.Load(aFirst ? httpB : httpA, aFirst ? b : a, ids, concurrency, slice, Get);
            var (ra, rb) = aFirst ? (first, second) : (second, first);
            errors += ra.Errors + rb.Errors;
            cpuA.Add(ra.CpuMicroseconds);
            cpuB.Add(rb.CpuMicroseconds);
            rateA.Add(ra.Throughput);
            rateB.Add(rb.Throughput);
            cpuRatios.Add(rb.CpuMicroseconds / ra.CpuMicroseconds);
            rateRatios.Add(rb.Throughput / ra.Throughput);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {round + 1} | {ra.Throughput:N0} | {rb.Throughput:N0} | {ra.CpuMicroseconds:F0} | {rb.CpuMicroseconds:F0} | {cpuRatios[^1]:F3} | {LoadAverage()} |"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| median | {Stats.Median(rateA):N0} | {Stats.Median(rateB):N0} | {Stats.Median(cpuA):F0} | {Stats.Median(cpuB):F0} | {Stats.Median(cpuRatios):F3} (req/s B/A {Stats.Median(rateRatios):F3}) | |"));
        if (errors > 0) output.WriteLine($"{errors} requests not answered 200");
        return errors == 0;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
