using Bos.Simulator.Cluster;
using Bos.Simulator.Control;
using Bos.Simulator.Faults;
using Bos.Simulator.Http;
using Bos.Simulator.Logging;
using Bos.Simulator.Options;
using Bos.Simulator.Reporting;
using Bos.Simulator.Services.Bss;
using Bos.Simulator.Services.Cfs;
using Bos.Simulator.Services.Hsm;
using Bos.Simulator.Services.Ims;
using Bos.Simulator.Services.Pcs;
using Bos.Simulator.Services.S3;
using Bos.Simulator.Services.Tapms;

namespace Bos.Simulator;

/// <summary>Builds the simulator host: configuration, the virtual cluster and its timers, and every service's routes.</summary>
public static class SimulatorApp
{
    /// <summary>Named apart from appsettings.json so it cannot collide with another host's file in one output folder.</summary>
    public const string SettingsFile = "simulator.settings.json";

    /// <param name="args">Command-line configuration (e.g. --Simulator:Topology:NodeCount=100).</param>
    /// <param name="overrides">Settings that win over every other source (tests, embedding hosts).</param>
    public static WebApplication Create(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Only the simulator's own files: an appsettings.json beside it (another host's) must not leak in.
        var environment = builder.Environment.EnvironmentName;
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, SettingsFile), optional: true)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, $"simulator.settings.{environment}.json"), optional: true)
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddEnvironmentVariables()
            .AddCommandLine(args);
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        builder.AddSimulatorLogging();

        var options = builder.Configuration.GetSection(SimulatorOptions.Section).Get<SimulatorOptions>() ?? new SimulatorOptions();
        ISimulatorModule[] modules =
        [
            new HsmModule(), new PcsModule(options), new BssModule(), new CfsModule(options),
            new ImsModule(), new S3Module(), new TapmsModule(), new SimControlModule(),
        ];
        AddSimulation(builder.Services, options, modules);

        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<RequestCounterMiddleware>();
        app.UseMiddleware<ServiceFaultMiddleware>();
        foreach (var module in modules) module.Map(app);

        // Build the cluster now, so a bad topology fails the start rather than the first request.
        var cluster = app.Services.GetRequiredService<VirtualCluster>();
        app.Services.GetRequiredService<CfsComponentStore>();
        app.Services.GetRequiredService<ImageCatalog>();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "Simulating {Nodes} nodes ({Groups} groups, {Tenants} tenants) at {Urls}; time scale {Scale}; reporter to {Bos} {ReporterState}",
            cluster.Nodes.Count, cluster.Groups.Count, cluster.Tenants.Count, string.Join(", ", app.Urls), options.TimeScale,
            options.Reporter.BosApiUrl, options.Reporter.Enabled ? "on" : "off"));
        return app;
    }

    private static void AddSimulation(IServiceCollection services, SimulatorOptions options, IEnumerable<ISimulatorModule> modules)
    {
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SimRandom(options.Seed));
        services.AddSingleton<SimClock>();
        services.AddSingleton(sp => ClusterBuilder.Build(options, sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.AddSingleton<SimScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<SimScheduler>());
        services.AddSingleton<NodeReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeReporter>());
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<BootParameterStore>();
        services.AddSingleton<CfsBatcher>();
        services.AddSingleton<CfsComponentStore>();
        services.AddSingleton<PowerTransitions>();
        services.AddSingleton<ImageCatalog>();
        services.AddSingleton<NodeLifecycle>();
        services.AddSingleton<RequestCounter>();
        services.AddSingleton<ServiceDirectory>();
        foreach (var module in modules) services.AddSingleton(module);

        services.AddHttpClient(NodeReporter.HttpClientName, client =>
                client.Timeout = TimeSpan.FromSeconds(Math.Max(1, options.Reporter.RequestTimeoutSeconds)))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                MaxConnectionsPerServer = Math.Max(1, options.Reporter.Concurrency),
                ConnectTimeout = TimeSpan.FromSeconds(3),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
    }
}
