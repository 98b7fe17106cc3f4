extern alias api;
extern alias sim;
using System.Net.Http.Json;
using System.Text.Json;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Redis;
using Bos.Core.Scheduling;
using Bos.Testing;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using sim::Bos.Simulator;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// A whole Bos against a virtual cluster, in-process: the real API (Kestrel on a free port, so the simulated nodes
/// can report to it), a worker, both over the real Redis and RabbitMQ of the test, and the simulator (16 nodes, time
/// scaled 1000×) behind PCS, BSS, CFS and HSM. Short upstream timeouts (options) and sweeps (Orchestration:*).
/// </summary>
public class OrchestrationCluster : IAsyncLifetime
{
    public const string Kernel = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/kernel";
    public const string Initrd = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/initrd";
    public const string KernelParameters = "console=ttyS0,115200 ip=dhcp bos_update_frequency=4h";

    private ApiHost _api = null!;
    private RunningSimulator _sim = null!;

    /// <summary>How many worker replicas share the Redis and the queues (competing consumers).</summary>
    protected virtual int Replicas => 1;

    /// <summary>The operator families the workers run (`Worker:Operators`); these tests write components as setup would.</summary>
    protected virtual string OperatorFamilies => "components";

    /// <summary>Worker settings a cluster changes from the defaults below (applied last).</summary>
    protected virtual IReadOnlyDictionary<string, string> WorkerOverrides { get; } = new Dictionary<string, string>();

    /// <summary>API settings a cluster changes from the defaults of <see cref="ApiHost"/> (applied last).</summary>
    protected virtual IReadOnlyDictionary<string, string> ApiOverrides { get; } = new Dictionary<string, string>();

    /// <summary>Services a cluster replaces in every worker (e.g. a client that fails on purpose).</summary>
    protected virtual void ConfigureWorkerServices(IServiceCollection services)
    {
    }

    /// <summary>Simulator settings a cluster changes from the defaults below (applied last).</summary>
    protected virtual IReadOnlyDictionary<string, string?> SimulatorOverrides { get; } = new Dictionary<string, string?>();

    /// <summary>Nodes of the simulated cluster.</summary>
    public virtual int NodeCount => 16;

    public WorkerHost Worker { get; } = new();

    /// <summary>Every worker: <see cref="Worker"/> first, then the further replicas.</summary>
    public List<WorkerHost> Workers { get; } = [];
    public HttpClient Sim { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;

    public IServiceProvider Services => Worker.Services;

    public static string Node(int ordinal) => $"x3000c0s{ordinal}b0n0";

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task InitializeAsync()
    {
        Worker.Operators = OperatorFamilies;
        Worker.Overrides = WorkerOverrides;
        Worker.TestServices = ConfigureWorkerServices;
        await Worker.InitializeAsync();
        // The API's port is chosen first: the simulator's nodes report to it, and the API validates images against
        // the simulator's S3 and IMS.
        var apiPort = FreePort();
        var simulator = new Dictionary<string, string?>
        {
            ["Logging:Level"] = "WARNING",
            ["Simulator:TimeScale"] = "0.001",
            ["Simulator:Seed"] = "7",
            ["Simulator:Topology:NodeCount"] = NodeCount.ToString(),
            ["Simulator:Reporter:Enabled"] = "true",
            ["Simulator:Reporter:BosApiUrl"] = $"http://127.0.0.1:{apiPort}/",
        };
        foreach (var (key, value) in SimulatorOverrides) simulator[key] = value;
        _sim = await RunningSimulator.StartAsync(simulator);
        LogContext.Current = null; // each bus logs through its own host (see Bos.Core.Tests SchedulerBusCollection)
        _api = new ApiHost(Worker.Redis.KeyPrefix, Worker.VirtualHost.Name, _sim.BaseAddress, ApiOverrides);
        _api.UseKestrel(apiPort);
        _api.StartServer();
        Api = _api.CreateClient();
        Api.BaseAddress = _api.ClientOptions.BaseAddress;

        // Options before the worker starts, so its first read already has them.
        using (var options = await Api.PatchAsync("/v2/options", JsonContent.Create(new
        {
            max_power_on_wait_time = 2, max_boot_wait_time = 3, max_power_off_wait_time = 1, default_retry_policy = 3,
            logging_level = Environment.GetEnvironmentVariable("BOS_TEST_LOG_LEVEL") ?? "WARNING",
        })))
            options.EnsureSuccessStatusCode();

        Sim = new HttpClient { BaseAddress = _sim.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Workers.Add(Worker);
        for (var i = 1; i < Replicas; i++)
            Workers.Add(new WorkerHost { SharedRedisPrefix = Worker.Redis.KeyPrefix, SharedVirtualHost = Worker.VirtualHost.Name });
        foreach (var worker in Workers)
        {
            worker.Operators = OperatorFamilies;
            worker.Overrides = WorkerOverrides;
            worker.TestServices = ConfigureWorkerServices;
            if (worker != Worker) await worker.InitializeAsync();
            worker.Simulator = _sim.BaseAddress;
            LogContext.Current = null;
            _ = worker.Services; // starts the worker and its bus
        }
    }

    public async Task DisposeAsync()
    {
        // The worker last: disposing it deletes the test's Redis keys and virtual host, which the API still uses.
        await _api.DisposeAsync();
        Sim.Dispose();
        await _sim.DisposeAsync();
        foreach (var worker in Enumerable.Reverse(Workers)) await ((IAsyncLifetime)worker).DisposeAsync();
    }

    /// <summary>A disabled component for every node, as discovery leaves them, so that session setup finds them all.</summary>
    public async Task DiscoverAllNodesAsync()
    {
        var ids = Enumerable.Range(1, NodeCount).Select(Node);
        using var body = new StringContent("[" + string.Join(',', ids.Select(id => $$"""{"id":"{{id}}","enabled":false}""")) + "]",
            System.Text.Encoding.UTF8, "application/json");
        (await Api.PutAsync("/v2/components", body)).EnsureSuccessStatusCode();
    }

    /// <summary>Discovery's record, then session setup's PATCH (OP-50): enabled, on hold, target set.</summary>
    public async Task SetUpAsync(IEnumerable<string> ids, bool boot = true, string configuration = "", bool reboot = false, int? retryPolicy = null)
    {
        var writer = Services.GetRequiredService<ComponentWriter>();
        var list = ids.ToList();
        var existing = await Services.GetRequiredService<ComponentRepository>().GetManyAsync(list);
        var missing = list.Where((_, i) => existing[i] is null).Select(id => new Component
        {
            Id = id, ActualState = ActualState.Empty, DesiredState = DesiredState.Empty, StagedState = new StagedState(),
            LastAction = new LastAction { Action = Actions.NewlyDiscovered, Failed = false }, Enabled = false, Error = "", Session = "",
            RetryPolicy = retryPolicy,
        }).ToList();
        if (missing.Count > 0) await writer.PutAsync(missing);
        await writer.PatchAsync(list.Select(id => new Component
        {
            Id = id,
            Error = "",
            DesiredState = new DesiredState
            {
                BootArtifacts = boot ? new BootArtifacts { Kernel = Kernel, KernelParameters = KernelParameters, Initrd = Initrd } : BootArtifacts.Empty,
                Configuration = configuration,
                BssToken = boot ? null : "",
            },
            ActualState = reboot ? ActualState.Empty : null,
            Session = "session-1",
            Enabled = true,
            LastAction = new LastAction { Action = Actions.SessionSetup, Failed = false },
        }).ToList());
    }

    public Task<Component?> ComponentAsync(string id) => Services.GetRequiredService<ComponentRepository>().GetAsync(id);

    /// <summary>Waits until no component saga and no scheduled message is left (timeouts cancelled, watches ended).</summary>
    public async Task NothingLeftAsync()
    {
        var redis = Services.GetRequiredService<IRedisStore>();
        var schedule = Services.GetRequiredService<ScheduledMessageStore>();
        await Eventually.True(async () => await schedule.CountAsync() == 0 && !await redis.ScanKeysAsync("saga:component:*").AnyAsync(),
            "no sagas and no scheduled messages", TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits until every component is disabled (the orchestration is done with it) and returns them.</summary>
    public async Task<IReadOnlyList<Component>> SettledAsync(IEnumerable<string> ids, TimeSpan? timeout = null)
    {
        var list = ids.ToList();
        var repository = Services.GetRequiredService<ComponentRepository>();
        var settled = await Eventually.Until(async () => new Settlement(await repository.GetManyAsync(list)), s => s.Done,
            "every component disabled", timeout,
            TimeSpan.FromMilliseconds(Math.Max(100, list.Count / 5))); // large clusters: do not load Redis with the test's own reads
        return settled.Records.Select(r => r!).ToList();
    }

    /// <summary>One read of the components; prints the ones still enabled when a wait times out.</summary>
    private sealed record Settlement(IReadOnlyList<Component?> Records)
    {
        public bool Done => Records.All(r => r?.Enabled == false);

        public override string ToString() => "still enabled: " + string.Join("; ", Records.Where(r => r?.Enabled != false)
            .Select(r => $"{r?.Id} {ComponentStatusRule.Compute(r!)} {r?.LastAction?.Action} {r?.Error}"));
    }

    public async Task<JsonElement> NodeAsync(string xname) => await Sim.GetFromJsonAsync<JsonElement>($"sim/nodes/{xname}");

    /// <summary>The node's history: "On requested", "Soft-Off requested", "powered off", "booted", ...</summary>
    public async Task<List<string>> HistoryAsync(string xname) =>
        (await NodeAsync(xname)).GetProperty("history").EnumerateArray().Select(e => e.GetProperty("event").GetString()!).ToList();

    public async Task<IReadOnlyDictionary<string, long>> RequestsAsync() =>
        (await Sim.GetFromJsonAsync<Dictionary<string, long>>("sim/requests"))!;

    public async Task ClearRequestsAsync() => (await Sim.DeleteAsync("sim/requests")).EnsureSuccessStatusCode();

    public async Task FaultsAsync(object faults) =>
        (await Sim.PatchAsync("sim/faults", JsonContent.Create(faults))).EnsureSuccessStatusCode();

    /// <summary>Powers nodes on behind BOS's back and waits until they are up (they boot nothing BOS knows).</summary>
    public async Task PowerOnDirectlyAsync(params string[] xnames)
    {
        using var response = await Sim.PostAsJsonAsync("power-control/v1/transitions", new
        {
            operation = "On", taskDeadlineMinutes = 1, location = xnames.Select(x => new { xname = x }),
        });
        response.EnsureSuccessStatusCode();
        foreach (var x in xnames) await Eventually.True(async () => (await NodeAsync(x)).GetProperty("phase").GetString() == "up", $"{x} up");
    }

    /// <summary>The worker: Services:* at the simulator, fast sweeps and batches.</summary>
    public sealed class WorkerHost : BosHostFactory<Program>
    {
        public Uri Simulator { get; set; } = null!;

        /// <summary>The `Worker:Operators` setting of this worker.</summary>
        public string Operators { get; set; } = "components";

        /// <summary>Settings applied after the defaults below.</summary>
        public IReadOnlyDictionary<string, string> Overrides { get; set; } = new Dictionary<string, string>();

        /// <summary>Replaces services after the worker's own registrations.</summary>
        public Action<IServiceCollection>? TestServices { get; set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (TestServices is { } configure) builder.ConfigureTestServices(configure);
        }

        /// <summary>For a further replica: the first worker's key prefix and virtual host instead of its own.</summary>
        public string? SharedRedisPrefix { get; init; }

        public string? SharedVirtualHost { get; init; }

        /// <summary>This worker's settings, for starting more workers of the same cluster as separate processes.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> EffectiveSettings => Settings().ToList();

        protected override IEnumerable<KeyValuePair<string, string>> Settings() => base.Settings().Concat(
        [
            new("Redis:KeyPrefix", SharedRedisPrefix ?? Redis.KeyPrefix),
            new("RabbitMq:VirtualHost", SharedVirtualHost ?? VirtualHost.Name),
            new("Worker:InstanceId", $"test-{Guid.NewGuid():N}"),
            new(WorkerOperators.Setting, Operators),
            new("Services:Hsm", $"{Simulator}hsm/v2"),
            new("Services:Pcs", $"{Simulator}power-control/v1"),
            new("Services:Bss", $"{Simulator}boot/v1"),
            new("Services:Cfs", $"{Simulator}cfs/v3"),
            new("Services:Ims", $"{Simulator}ims/v3"),
            new("Services:S3", $"{Simulator}s3"),
            new("Services:Tapms", $"{Simulator}tapms/v1alpha3"),
            new("Services:Retry:BackoffSeconds", "0.01"),
            new("Services:Retry:MaxBackoffSeconds", "0.05"),
            new("Scheduler:PollInterval", "00:00:00.050"),
            new("OptionsRefresh:Interval", "00:00:00.500"),
            new("Orchestration:PowerSweepInterval", "00:00:02"),
            new("Orchestration:ConfigurationSweepInterval", "00:00:00.500"),
            new("Orchestration:RequestWatchdog", "00:00:10"),
            new("Orchestration:TransitionWatchInterval", "00:00:00.200"),
            new("Orchestration:TransitionWatchGrace", "00:00:05"),
            new("Orchestration:BatchTimeLimit", "00:00:00.200"),
            new("Orchestration:ReconcileStartDelay", "01:00:00"), // tests run the reconciler themselves
        ]).Concat(Overrides);
    }

    /// <summary>The API on the worker's Redis prefix and virtual host.</summary>
    private sealed class ApiHost(string redisPrefix, string virtualHost, Uri simulator, IReadOnlyDictionary<string, string> overrides)
        : WebApplicationFactory<api::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Redis:Configuration", TestServices.RedisConfiguration);
            builder.UseSetting("Redis:KeyPrefix", redisPrefix);
            builder.UseSetting("RabbitMq:Port", TestServices.RabbitMqPort.ToString());
            builder.UseSetting("RabbitMq:VirtualHost", virtualHost);
            foreach (var (service, path) in new[] { ("Hsm", "hsm/v2"), ("Pcs", "power-control/v1"), ("Bss", "boot/v1"), ("Cfs", "cfs/v3"), ("Ims", "ims/v3"), ("S3", "s3") })
                builder.UseSetting($"Services:{service}", new Uri(simulator, path).ToString());
            // Tenants from the simulator's TAPMS, as the worker's (tenant vcluster-blue: nodes 1-4).
            builder.UseSetting("Services:Tapms", new Uri(simulator, "tapms/v1alpha3").ToString());
            builder.UseSetting("Logging:Level", "WARNING");
            builder.UseSetting("Scheduler:PollInterval", "00:00:00.050");
            foreach (var (key, value) in overrides) builder.UseSetting(key, value);
            builder.UseEnvironment("Development");
        }
    }
}
