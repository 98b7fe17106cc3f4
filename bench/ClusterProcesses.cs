using System.Diagnostics;

namespace Bos.Bench;

/// <summary>Timing of the simulated hardware: fixed durations, so the hardware's critical path is known exactly.</summary>
public sealed record HardwareTiming(double PowerOn, double Boot, double GracefulOff, double ForceOff, double CfsConfigure)
{
    /// <summary>A reboot of a node that is on: graceful off, power on, boot, configure.</summary>
    public double RebootCriticalPath => GracefulOff + PowerOn + Boot + CfsConfigure;
}

/// <summary>
/// A whole Bos deployment as separate processes: the simulator (N nodes), the API and K workers, sharing a fresh
/// Redis key prefix and RabbitMQ virtual host. Logs go to files under the run's folder.
/// </summary>
public sealed class ClusterProcesses : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly string _logs = Directory.CreateTempSubdirectory("bos-bench-").FullName;
    private static HttpClient Management => BenchEnvironment.Management;

    public required Uri Api { get; init; }
    public required Uri Simulator { get; init; }
    public required string VirtualHost { get; init; }
    public required string KeyPrefix { get; init; }
    public IReadOnlyList<Process> Workers => _processes.Skip(2).ToList();
    public Process ApiProcess => _processes[1];
    public Process SimulatorProcess => _processes[0];
    /// <summary>Each worker's own address (health and `/metrics`), in the order of <see cref="Workers"/>.</summary>
    public List<Uri> WorkerUrls { get; } = [];

    /// <summary>CPU seconds used so far by each part of the deployment (RabbitMQ and Redis are shared, machine-wide processes).</summary>
    public IReadOnlyDictionary<string, double> CpuByPart() => new Dictionary<string, double>
    {
        ["workers"] = Workers.Sum(CpuSeconds),
        ["API"] = CpuSeconds(ApiProcess),
        ["simulator"] = CpuSeconds(SimulatorProcess),
        ["RabbitMQ"] = Named("beam.smp").Sum(CpuSeconds),
        ["Redis"] = Named("redis-server").Where(ServesBenchRedis).Sum(CpuSeconds),
    };

    /// <summary>The deployment's Redis server process (127.0.0.1:6379), null when it is not on this machine.</summary>
    public static Process? RedisServer => Named("redis-server").FirstOrDefault(ServesBenchRedis);

    // Only the Redis the deployment uses (the default 127.0.0.1:6379), not another one on the machine (a helper's, a test's).
    private static bool ServesBenchRedis(Process p)
    {
        try
        {
            return File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(":6379", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false; // it exited
        }
    }

    // Redis renames its process ("redis-server 127.0.0.1:6379"), so match the start of the name.
    private static IEnumerable<Process> Named(string name) => Process.GetProcesses().Where(p => p.ProcessName.StartsWith(name, StringComparison.Ordinal));

    /// <summary>
    /// Starts the simulator and the API, runs <paramref name="beforeWorkers"/> (loading data whose events are warm-up,
    /// not part of what is measured), then starts the workers.
    /// </summary>
    public static async Task<ClusterProcesses> StartAsync(string repoRoot, int nodes, int workers, HardwareTiming timing,
        Func<ClusterProcesses, Task>? beforeWorkers = null, IReadOnlyDictionary<string, string>? extraWorkerSettings = null)
    {
        var (simPort, apiPort) = (BenchEnvironment.FreePort(), BenchEnvironment.FreePort());
        var cluster = new ClusterProcesses
        {
            Api = new Uri($"http://127.0.0.1:{apiPort}"), Simulator = new Uri($"http://127.0.0.1:{simPort}"),
            VirtualHost = await BenchEnvironment.CreateVirtualHostAsync(), KeyPrefix = BenchEnvironment.NewKeyPrefix(),
        };

        var sim = new Dictionary<string, string>
        {
            ["Urls"] = cluster.Simulator.ToString(), ["Logging__Level"] = "WARNING",
            ["Simulator__Topology__NodeCount"] = nodes.ToString(), ["Simulator__InitialPowerState"] = "on",
            ["Simulator__Reporter__BosApiUrl"] = cluster.Api.ToString().TrimEnd('/'), ["Simulator__Reporter__Concurrency"] = "64",
            ["Simulator__Topology__Groups__0__Label"] = "all", ["Simulator__Topology__Groups__0__Range"] = $"1-{nodes}",
            // Every node an x86 compute node (the demo topology has UANs and ARM nodes, which the session leaves out).
            ["Simulator__Topology__Roles__0__Role"] = "Compute", ["Simulator__Topology__Roles__0__Range"] = $"1-{nodes}",
            ["Simulator__Topology__ArmNodes__Range"] = "",
        };
        foreach (var (name, seconds) in new[] { ("PowerOn", timing.PowerOn), ("Boot", timing.Boot), ("GracefulOff", timing.GracefulOff), ("ForceOff", timing.ForceOff), ("CfsConfigure", timing.CfsConfigure) })
        {
            sim[$"Simulator__Timing__{name}__Min"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sim[$"Simulator__Timing__{name}__Max"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        cluster.Start(repoRoot, "sim", "Bos.Simulator.dll", sim, "simulator");
        await WaitHealthy(new Uri(cluster.Simulator, "/sim/summary"));

        var bos = new Dictionary<string, string>
        {
            ["Redis__KeyPrefix"] = cluster.KeyPrefix, ["RabbitMq__VirtualHost"] = cluster.VirtualHost,
            // BOS_BENCH_LOG_LEVEL=INFORMATION shows where the time goes (setup, rounds) in the logs kept under /tmp/bos-bench-*.
            ["Logging__Level"] = Environment.GetEnvironmentVariable("BOS_BENCH_LOG_LEVEL") ?? "WARNING",
        };
        foreach (var (service, path) in new[] { ("Hsm", "hsm/v2"), ("Pcs", "power-control/v1"), ("Bss", "boot/v1"), ("Cfs", "cfs/v3"), ("Ims", "ims/v3"), ("S3", "s3") })
            bos[$"Services__{service}"] = new Uri(cluster.Simulator, path).ToString();
        bos["Telemetry__Enabled"] = BenchEnvironment.TelemetrySetting; // BOS_BENCH_TELEMETRY=off: without metrics

        var api = new Dictionary<string, string>(bos) { ["Urls"] = cluster.Api.ToString() };
        // BOS_BENCH_API_ENV="Outbox__ChangesPerMessage=250;…": settings of the API alone.
        AddSettingsFrom("BOS_BENCH_API_ENV", api);
        cluster.Start(repoRoot, "api", "Bos.Api.dll", api, "api");
        await WaitHealthy(new Uri(cluster.Api, "/v2/healthz"));
        if (beforeWorkers is not null) await beforeWorkers(cluster);
        for (var i = 0; i < workers; i++)
        {
            var settings = new Dictionary<string, string>(bos) { ["Urls"] = $"http://127.0.0.1:{BenchEnvironment.FreePort()}" };
            // The reconciler's first sweep (over disabled components) is done before anything is measured.
            settings["Orchestration__ReconcileStartDelay"] = "00:00:01";
            foreach (var (k, v) in extraWorkerSettings ?? new Dictionary<string, string>()) settings[k] = v;
            // BOS_BENCH_WORKER_ENV="DOTNET_GCHeapHardLimit=0x10000000;Orchestration__X=…": settings of the workers alone (a GC
            // limit for the worker must not reach the simulator, which holds every node).
            AddSettingsFrom("BOS_BENCH_WORKER_ENV", settings);
            cluster.Start(repoRoot, "workers", "Bos.Workers.dll", settings, $"worker-{i}");
            cluster.WorkerUrls.Add(new Uri(settings["Urls"]));
            await WaitHealthy(new Uri(settings["Urls"].TrimEnd('/') + "/healthz/ready"));
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        return cluster;
    }

    /// <summary>The "K=V;K=V" pairs of the environment variable <paramref name="variable"/>, added to (or replacing) <paramref name="settings"/>.</summary>
    private static void AddSettingsFrom(string variable, Dictionary<string, string> settings)
    {
        foreach (var pair in (Environment.GetEnvironmentVariable(variable) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            if (pair.Split('=', 2) is [var key, var value]) settings[key] = value;
    }

    /// <summary>Messages published in the virtual host so far (RabbitMQ management statistics).</summary>
    public async Task<long> PublishedMessagesAsync()
    {
        var body = await Management.GetStringAsync($"vhosts/{Uri.EscapeDataString(VirtualHost)}");
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("publish", out var publish) ? publish.GetInt64() : 0;
    }

    /// <summary>
    /// The published count once RabbitMQ's statistics have caught up: they are sampled every few seconds, so the count is
    /// read until it has not moved for <paramref name="quiet"/> (at most 30 s).
    /// </summary>
    public async Task<long> PublishedMessagesSettledAsync(TimeSpan? quiet = null)
    {
        var still = quiet ?? TimeSpan.FromSeconds(6);
        var last = await PublishedMessagesAsync();
        var since = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        while (since.Elapsed < still && total.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(500);
            var now = await PublishedMessagesAsync();
            if (now != last) (last, since) = (now, Stopwatch.StartNew());
        }
        return last;
    }

    /// <summary>Waits until the API's outbox is drained (every event of the loading published).</summary>
    public async Task WaitForOutboxAsync(TimeSpan timeout)
    {
        using var store = new Bos.Core.Redis.StackExchangeRedisStore(
            Microsoft.Extensions.Options.Options.Create(new Bos.Core.Redis.RedisOptions { KeyPrefix = KeyPrefix }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Bos.Core.Redis.StackExchangeRedisStore>.Instance);
        var deadline = DateTime.UtcNow + timeout;
        while (await store.ListLengthAsync(Bos.Core.Outbox.Outbox.ListKey) > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
    }

    /// <summary>
    /// Starts the process's peak RSS (VmHWM) afresh, so <see cref="PeakRssMb"/> covers what follows (the session, not the
    /// loading of the components before it); false where the kernel does not offer it (the peak then covers the whole run).
    /// </summary>
    public static bool ResetPeakRss(Process process)
    {
        try
        {
            File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static double PeakRssMb(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    public static double CpuSeconds(Process process)
    {
        try
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return 0; // it exited between the listing and the read (another program's redis-server, a test's broker)
        }
    }

    private void Start(string repoRoot, string folder, string dll, IReadOnlyDictionary<string, string> environment, string name)
    {
        // BOS_BENCH_PUBLISHED=dir: run what `dotnet publish` (or another build) put in dir/<folder> instead of this build's
        // output; a part not there (the simulator, usually) runs from this build.
        var published = Environment.GetEnvironmentVariable("BOS_BENCH_PUBLISHED") is { Length: > 0 } root ? Path.Combine(root, folder, dll) : null;
        var path = published is not null && File.Exists(published) ? published : Path.Combine(repoRoot, folder, "bin", "Release", "net10.0", dll);
        if (!File.Exists(path)) throw new FileNotFoundException("Build first: dotnet build Bos.sln -c Release", path);
        var info = new ProcessStartInfo("sh", $"-c \"exec dotnet '{path}' > '{_logs}/{name}.log' 2>&1\"") { WorkingDirectory = Path.GetDirectoryName(path)! };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        _processes.Add(Process.Start(info)!);
    }

    private static async Task WaitHealthy(Uri url)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            try { if ((await http.GetAsync(url)).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{url} did not become healthy");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.AsEnumerable().Reverse())
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        await BenchEnvironment.RemoveAsync(VirtualHost, KeyPrefix);
    }
}
