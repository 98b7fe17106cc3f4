using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Bos.Chaos.Tests;

/// <summary>
/// A whole deployment as processes, like bench/ClusterProcesses: the simulator (12 compute nodes, on), the API and two
/// workers, on the suite's own Redis and RabbitMQ. A supervisor plays the orchestrator: it restarts a worker whose
/// /healthz/live fails or that exited, and counts it (the scenarios assert how many restarts they needed).
/// </summary>
public sealed class ChaosCluster : IAsyncLifetime
{
    public const int NodeCount = 12;
    public ChaosServices Services { get; } = new();
    public HttpClient Api { get; private set; } = null!;
    public HttpClient Sim { get; private set; } = null!;
    public string Logs { get; } = Directory.CreateTempSubdirectory("bos-chaos-").FullName;
    public int SupervisorRestarts;
    private readonly Process?[] _workers = new Process?[2];
    private readonly int[] _workerPorts = new int[2];
    private readonly bool[] _held = new bool[2];
    private Process _sim = null!, _api = null!;
    private readonly CancellationTokenSource _stop = new();
    private Task _supervisor = Task.CompletedTask;
    private Dictionary<string, string> _bos = null!;

    public static IReadOnlyList<string> Nodes { get; } = Enumerable.Range(1, NodeCount).Select(i => $"x3000c0s{i}b0n0").ToList();

    public async Task InitializeAsync()
    {
        await Services.StartAsync();
        // A fresh store and broker state for each run of the suite.
        await Run("redis-cli", $"-p {Services.RedisPort} flushall");
        var (simPort, apiPort) = (FreePort(), FreePort());
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(10) };
        Sim = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{simPort}"), Timeout = TimeSpan.FromSeconds(10) };
        var sim = new Dictionary<string, string>
        {
            ["Urls"] = Sim.BaseAddress.ToString(), ["Logging__Level"] = "WARNING",
            ["Simulator__Topology__NodeCount"] = NodeCount.ToString(), ["Simulator__InitialPowerState"] = "on",
            ["Simulator__Reporter__BosApiUrl"] = Api.BaseAddress.ToString().TrimEnd('/'),
            ["Simulator__Topology__Groups__0__Label"] = "all", ["Simulator__Topology__Groups__0__Range"] = $"1-{NodeCount}",
            ["Simulator__Topology__Roles__0__Role"] = "Compute", ["Simulator__Topology__Roles__0__Range"] = $"1-{NodeCount}",
            ["Simulator__Topology__ArmNodes__Range"] = "",
        };
        foreach (var (name, min, max) in new[] { ("PowerOn", 1.0, 2.0), ("Boot", 6.0, 10.0), ("GracefulOff", 2.0, 4.0), ("ForceOff", 0.5, 1.0), ("CfsConfigure", 2.0, 4.0) })
        {
            sim[$"Simulator__Timing__{name}__Min"] = min.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sim[$"Simulator__Timing__{name}__Max"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        _sim = Start("sim", "Bos.Simulator.dll", sim, "simulator");
        await WaitOk(new Uri(Sim.BaseAddress, "/sim/summary"));

        _bos = new Dictionary<string, string>
        {
            ["Redis__Configuration"] = $"127.0.0.1:{Services.RedisPort}", ["RabbitMq__Port"] = Services.AmqpPort.ToString(),
            ["RabbitMq__ManagementPort"] = Services.ManagementPort.ToString(),
            // BOS_CHAOS_LOG_LEVEL=DEBUG when a scenario needs diagnosing (the logs stay in Logs, named in the test output).
            ["Logging__Level"] = Environment.GetEnvironmentVariable("BOS_CHAOS_LOG_LEVEL") ?? "INFO",
            ["Startup__DependencyAttempts"] = "60",
        };
        foreach (var (service, path) in new[] { ("Hsm", "hsm/v2"), ("Pcs", "power-control/v1"), ("Bss", "boot/v1"), ("Cfs", "cfs/v3"), ("Ims", "ims/v3"), ("S3", "s3") })
            _bos[$"Services__{service}"] = new Uri(Sim.BaseAddress, path).ToString();
        _api = Start("api", "Bos.Api.dll", new Dictionary<string, string>(_bos) { ["Urls"] = Api.BaseAddress.ToString() }, "api");
        await WaitOk(new Uri(Api.BaseAddress, "/v2/healthz"));
        // The logging_level option wins over Logging:Level once the processes read the options.
        if (Environment.GetEnvironmentVariable("BOS_CHAOS_LOG_LEVEL") is { Length: > 0 } level)
            (await Api.PatchAsync("/v2/options", new StringContent($$"""{"logging_level":"{{level}}"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        for (var i = 0; i < 2; i++) await StartWorkerAsync(i);
        _supervisor = Task.Run(SuperviseAsync);
    }

    public Uri WorkerProbe(int i, string probe) => new($"http://127.0.0.1:{_workerPorts[i]}/healthz/{probe}");

    public async Task StartWorkerAsync(int i)
    {
        _workerPorts[i] = FreePort();
        var settings = new Dictionary<string, string>(_bos)
        {
            ["Urls"] = $"http://127.0.0.1:{_workerPorts[i]}", ["Worker__LivenessTimeout"] = "00:00:30",
            ["Orchestration__ReconcileInterval"] = "00:00:10", ["Orchestration__ReconcileStartDelay"] = "00:00:01",
            ["Operators__WatchdogInterval"] = "00:00:05",
        };
        _workers[i] = Start("workers", "Bos.Workers.dll", settings, $"worker-{i}-{DateTime.UtcNow:HHmmss}");
        await WaitOk(WorkerProbe(i, "ready"));
        _held[i] = false;
    }

    /// <summary>SIGKILL, as a crashed node or an OOM kill; the supervisor leaves it down until <see cref="StartWorkerAsync"/>.</summary>
    public void KillWorker(int i)
    {
        _held[i] = true;
        _workers[i]!.Kill(entireProcessTree: true);
    }

    private async Task SuperviseAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        while (!_stop.IsCancellationRequested)
        {
            for (var i = 0; i < 2; i++)
            {
                if (_held[i] || _workers[i] is not { } w) continue;
                var dead = w.HasExited;
                if (!dead)
                {
                    try { dead = (await http.GetAsync(WorkerProbe(i, "live"))).StatusCode == HttpStatusCode.ServiceUnavailable; }
                    catch (Exception) { /* busy or starting: not a verdict */ }
                }
                if (!dead) continue;
                Interlocked.Increment(ref SupervisorRestarts);
                if (!w.HasExited) w.Kill(entireProcessTree: true);
                try { await StartWorkerAsync(i); } catch (Exception) { /* tried again next round */ }
            }
            try { await Task.Delay(2000, _stop.Token); } catch (OperationCanceledException) { }
        }
    }

    public async Task StopAllAsync()
    {
        _stop.Cancel();
        await _supervisor;
        foreach (var p in _workers.Append(_api).Append(_sim))
            if (p is { HasExited: false }) { p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); }
    }

    /// <summary>Stops the processes, then the pair: nothing of the suite is left running for the next checkout to find.</summary>
    public async Task DisposeAsync()
    {
        await StopAllAsync();
        await Services.StopAsync("");
    }

    public async Task<JsonElement> NodeAsync(string xname) => await Sim.GetFromJsonAsync<JsonElement>($"sim/nodes/{xname}");

    public async Task SetFaultsAsync(string json) =>
        (await Sim.PatchAsync("sim/faults", new StringContent(json, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync() => (await Sim.DeleteAsync("sim/faults")).EnsureSuccessStatusCode();

    private Process Start(string folder, string dll, IReadOnlyDictionary<string, string> environment, string name)
    {
        var path = Path.Combine(ChaosServices.Root, folder, "bin", "Release", "net10.0", dll);
        if (!File.Exists(path)) throw new FileNotFoundException("Build first: dotnet build Bos.sln -c Release", path);
        var info = new ProcessStartInfo("sh", $"-c \"exec dotnet '{path}' >> '{Logs}/{name}.log' 2>&1\"") { WorkingDirectory = Path.GetDirectoryName(path)! };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return Process.Start(info)!;
    }

    public static async Task WaitOk(Uri url, int seconds = 90)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            try { if ((await http.GetAsync(url)).IsSuccessStatusCode) return; }
            catch (Exception) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{url} did not answer 200 within {seconds} s");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true })!;
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ChaosCollection : ICollectionFixture<ChaosCluster>
{
    public const string Name = "chaos";
}
