extern alias simulator;

using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Sessions;
using Bos.Core.Templates;
using Bos.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RunningSimulator = simulator::Bos.Simulator.RunningSimulator;

namespace Bos.Workers.Tests;

/// <summary>
/// A worker host over the real Redis and RabbitMQ, its HSM, S3 and TAPMS calls going to an in-process simulator of
/// the 16-node demo cluster (node 11 locked, node 12 disabled in HSM; 13-14 ARM; 15-16 Application/UAN; groups blue
/// 1-8 and green 9-16; tenant vcluster-blue 1-4). Options are set directly by tests; periodic tasks run every second.
/// </summary>
public class SessionOperatorsFactory : BosHostFactory<Program>
{
    public const string X86Image = "a5b1f8d2-6c3e-4f10-9d2a-000000000001";
    public const string ArmImage = "a5b1f8d2-6c3e-4f10-9d2a-000000000002";
    public const string Tenant = "vcluster-blue";

    public RunningSimulator Simulator { get; private set; } = null!;

    /// <summary>Discovery runs once at start (creating the 16 components), then rarely unless a test says otherwise.</summary>
    public StaticBosOptionsSource Options { get; } = new(BosOptions.Defaults with { DiscoveryFrequency = 3600 });

    public static string Node(int ordinal) => $"x3000c0s{ordinal}b0n0";

    public SessionRepository Sessions => Services.GetRequiredService<SessionRepository>();
    public SessionTemplateRepository Templates => Services.GetRequiredService<SessionTemplateRepository>();
    public ComponentRepository Components => Services.GetRequiredService<ComponentRepository>();
    public ComponentWriter Writer => Services.GetRequiredService<ComponentWriter>();

    public override async Task InitializeAsync()
    {
        Simulator = await RunningSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:Level"] = "WARNING",
            ["Simulator:TimeScale"] = "0.001",
            ["Simulator:Seed"] = "42",
            ["Simulator:Reporter:Enabled"] = "false",
            ["Simulator:Topology:DisabledNodes:Range"] = "12",
            ["Simulator:Topology:LockedNodes:Range"] = "11",
        });
        await base.InitializeAsync();
        _ = Services; // start the host: the watchdog starts discovery, which creates the components
        await Eventually.True(async () => (await Components.IdsAfterAsync(null, 100)).Count == 16, "discovery of the 16 demo nodes");
    }

    protected override IEnumerable<KeyValuePair<string, string>> Settings()
    {
        var sim = Simulator.BaseAddress;
        return base.Settings().Concat(new Dictionary<string, string>
        {
            // Only the session operators: these tests watch what session setup alone writes.
            [WorkerOperators.Setting] = "sessions",
            ["Services:Hsm"] = $"{sim}hsm/v2",
            ["Services:Pcs"] = $"{sim}power-control/v1",
            ["Services:Bss"] = $"{sim}boot/v1",
            ["Services:Cfs"] = $"{sim}cfs/v3",
            ["Services:Ims"] = $"{sim}ims/v3",
            ["Services:S3"] = $"{sim}s3",
            ["Services:Tapms"] = $"{sim}tapms/v1alpha3",
            ["Services:Retry:MaxRetries"] = "1",
            ["Services:Retry:BackoffSeconds"] = "0.01",
            ["Operators:SweepInterval"] = "00:00:02",
            ["Operators:SessionCleanupInterval"] = "00:00:01",
            ["Operators:ActualStateCleanupInterval"] = "00:00:01",
            ["Operators:MinimumDiscoveryInterval"] = "00:00:01",
            ["Operators:MaxSleep"] = "00:00:01",
            ["Operators:WatchdogInterval"] = "00:00:01",
            ["Operators:CompletionDelay"] = "00:00:00.200",
            ["Operators:Grace"] = "00:00:30",
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IBosOptionsSource>(Options));
    }

    /// <summary>Runs when the host is disposed (BosHostFactory's DisposeAsync ends in it).</summary>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Simulator?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A template with one boot set per entry, stored as the API would store it.</summary>
    public async Task<SessionTemplate> PutTemplateAsync(string name, IReadOnlyDictionary<string, BootSet> bootSets, string? tenant = null,
        string? configuration = "compute-config", bool? enableCfs = null)
    {
        var template = new SessionTemplate
        {
            Name = name, Tenant = tenant, EnableCfs = enableCfs, BootSets = bootSets,
            Cfs = configuration is null ? null : new Cfs { Configuration = configuration },
        };
        return await Templates.PutAsync(template);
    }

    public static BootSet BootSet(string image = X86Image, string? arch = null, string[]? nodes = null, string[]? groups = null,
        string[]? roles = null, string? parameters = "console=ttyS0", string? rootfsProvider = "sbps") => new()
        {
            Type = "s3", Path = $"s3://boot-images/{image}/manifest.json", Arch = arch, KernelParameters = parameters,
            NodeList = nodes, NodeGroups = groups, NodeRolesGroups = roles, RootfsProvider = rootfsProvider,
            RootfsProviderPassthrough = rootfsProvider is null ? null : "sbps:v1:iqn.2023-06.csm.iscsi:_sbps-hsn._tcp.sim:300",
        };

    /// <summary>Creates a pending session as POST /v2/sessions does (which publishes SessionCreated).</summary>
    public async Task<Session> CreateSessionAsync(string name, string template, string operation = SessionOperations.Boot, string limit = "",
        bool stage = false, bool includeDisabled = false, string? tenant = null)
    {
        var session = new Session
        {
            Name = name, Tenant = tenant, Operation = operation, TemplateName = template, Limit = limit, Stage = stage, Components = "",
            IncludeDisabled = includeDisabled,
            Status = new SessionStatus { StartTime = Bos.Core.Time.Timestamps.Format(DateTimeOffset.UtcNow), Status = SessionStatusLabels.Pending },
        };
        if (!await Sessions.CreateAsync(session)) throw new InvalidOperationException($"Session {name} exists");
        return session;
    }

    /// <summary>Waits until the session has left <c>pending</c> (or reached <paramref name="status"/>) and returns it.</summary>
    public Task<Session> WaitForSessionAsync(string name, string status, string? tenant = null) =>
        Eventually.Until(() => Sessions.GetAsync(name, tenant), s => s?.Status?.Status == status, $"session {name} {status}")!;
}
