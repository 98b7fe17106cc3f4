using System.Diagnostics;

namespace Bos.Bench;

/// <summary>
/// BOS_BENCH_TRACE=dir: CPU profiles of the API and the workers during the measured part of a run. dotnet-trace (from
/// BOS_BENCH_DOTNET_TRACE, else the one on PATH) attaches to each process with the sampling profiler and the runtime's
/// GC events, and each process's `/metrics` is saved before and after (request counts by route, GC counts). The
/// traces are stopped with SIGINT, so the runtime writes the method names (rundown) before the processes are killed.
/// </summary>
public sealed class ProcessTraces
{
    private readonly List<(Process Trace, string File)> _traces = [];
    private readonly List<(string Name, Uri Metrics)> _metrics = [];
    private readonly string _directory;

    private ProcessTraces(string directory) => _directory = directory;

    /// <summary>Null unless BOS_BENCH_TRACE names a folder.</summary>
    public static async Task<ProcessTraces?> StartAsync(ClusterProcesses cluster)
    {
        var directory = Environment.GetEnvironmentVariable("BOS_BENCH_TRACE");
        if (string.IsNullOrEmpty(directory)) return null;
        Directory.CreateDirectory(directory);
        var traces = new ProcessTraces(directory);
        traces._metrics.Add(("api", new Uri(cluster.Api, "/metrics")));
        traces._metrics.AddRange(cluster.WorkerUrls.Select((url, i) => ($"worker-{i}", new Uri(url, "/metrics"))));
        await traces.SaveMetricsAsync("before");
        traces.Attach("api", cluster.ApiProcess.Id);
        for (var i = 0; i < cluster.Workers.Count; i++) traces.Attach($"worker-{i}", cluster.Workers[i].Id);
        // A trace records from the moment its file appears (dotnet-trace has connected and the session runs).
        for (var wait = 0; wait < 200 && traces._traces.Any(t => !File.Exists(t.File)); wait++) await Task.Delay(50);
        return traces;
    }

    // BOS_BENCH_TRACE_PROFILE: other dotnet-trace profiles, e.g. "gc-verbose" for allocation samples by type and stack.
    private static string Profile => Environment.GetEnvironmentVariable("BOS_BENCH_TRACE_PROFILE") ?? "dotnet-sampled-thread-time,gc-collect";

    private void Attach(string name, int pid)
    {
        var tool = Environment.GetEnvironmentVariable("BOS_BENCH_DOTNET_TRACE") ?? "dotnet-trace";
        var file = Path.Combine(_directory, $"{name}.nettrace");
        var info = new ProcessStartInfo(tool, ["collect", "-p", pid.ToString(), "-o", file, "--profile", Profile])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        var trace = Process.Start(info)!;
        _ = trace.StandardOutput.ReadToEndAsync();
        _ = trace.StandardError.ReadToEndAsync();
        _traces.Add((trace, file));
    }

    /// <summary>Stops every trace (SIGINT, then waits for the rundown to be written) and saves `/metrics` again.</summary>
    public async Task StopAsync()
    {
        await SaveMetricsAsync("after");
        // Enter on its input as well as SIGINT: a dotnet-trace whose input is redirected may wait for the key, and one
        // killed at the timeout below writes no method names (a trace of bare addresses).
        foreach (var (trace, _) in _traces)
        {
            try { await trace.StandardInput.WriteLineAsync(); await trace.StandardInput.FlushAsync(); }
            catch (IOException) { } // already gone
            using (var signal = Process.Start("kill", ["-INT", trace.Id.ToString()])) await signal.WaitForExitAsync();
        }
        foreach (var (trace, file) in _traces)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try { await trace.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException)
            {
                trace.Kill();
                Console.Error.WriteLine($"trace: {file} did not stop within 2 minutes and was killed: it has no method names");
            }
            Console.Error.WriteLine($"trace: {file} ({new FileInfo(file).Length / 1024 / 1024} MB)");
        }
    }

    private async Task SaveMetricsAsync(string when)
    {
        using var http = new HttpClient();
        foreach (var (name, url) in _metrics)
        {
            try { await File.WriteAllTextAsync(Path.Combine(_directory, $"{name}.metrics-{when}.txt"), await http.GetStringAsync(url)); }
            catch (HttpRequestException) { } // telemetry off: no /metrics
        }
    }
}
