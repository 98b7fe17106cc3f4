using System.Diagnostics;

namespace Bos.Bench;

/// <summary>
/// The Bos API started as a separate process (the built Release dll) on a free port with its own Redis key prefix and
/// RabbitMQ virtual host (<see cref="BenchEnvironment"/>), so the benchmark measures the real host, can read its peak
/// memory from /proc, and its events reach nobody else's queues.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiProcess(Process process, Uri baseAddress, string keyPrefix, string virtualHost)
    {
        _process = process;
        BaseAddress = baseAddress;
        KeyPrefix = keyPrefix;
        VirtualHost = virtualHost;
    }

    public Uri BaseAddress { get; }
    public string KeyPrefix { get; }
    public string VirtualHost { get; }

    /// <summary>Starts the API built under <paramref name="repoRoot"/>; <paramref name="telemetry"/> overrides BOS_BENCH_TELEMETRY.</summary>
    public static async Task<ApiProcess> StartAsync(string repoRoot, bool? telemetry = null)
    {
        var port = BenchEnvironment.FreePort();
        var prefix = BenchEnvironment.NewKeyPrefix();
        var virtualHost = await BenchEnvironment.CreateVirtualHostAsync();
        var dll = Path.Combine(repoRoot, "api", "bin", "Release", "net10.0", "Bos.Api.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build first: dotnet build Bos.sln -c Release", dll);
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["Redis__KeyPrefix"] = prefix;
        info.Environment["RabbitMq__VirtualHost"] = virtualHost;
        info.Environment["Logging__Level"] = "WARNING";
        info.Environment["Telemetry__Enabled"] = telemetry is { } on ? (on ? "true" : "false") : BenchEnvironment.TelemetrySetting;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"), prefix, virtualHost);
        using var probe = new HttpClient { BaseAddress = api.BaseAddress };
        for (var i = 0; i < 300; i++)
        {
            try { if ((await probe.GetAsync("/v2/healthz")).IsSuccessStatusCode) return api; }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("API did not start");
    }

    /// <summary>Peak resident memory of the API process (VmHWM), in MB.</summary>
    public double PeakRssMb() => ReadStatusKb("VmHWM") / 1024.0;

    public double RssMb() => ReadStatusKb("VmRSS") / 1024.0;

    /// <summary>CPU seconds the API process has used so far (utime + stime of /proc/&lt;pid&gt;/stat).</summary>
    public double CpuSeconds() => ClusterProcesses.CpuSeconds(_process);

    private long ReadStatusKb(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        await BenchEnvironment.RemoveAsync(VirtualHost, KeyPrefix);
    }
}
