using Bos.Core.Clients;
using Bos.Core.Health;
using Bos.Core.Logging;
using Bos.Core.Messaging;
using Bos.Core.Options;
using Bos.Core.Outbox;
using Bos.Core.Redis;
using Bos.Core.Telemetry;
using Bos.Core.Tenancy;
using Bos.Workers;
using Bos.Workers.Orchestration;

var builder = WebApplication.CreateBuilder(args);
var operators = WorkerOperators.From(builder.Configuration);
// Its own connection name, so readiness can find this process's consumers in the broker's management API.
builder.Configuration["RabbitMq:ConnectionName"] ??= $"bos-worker-{WorkerInstance.Id}";
builder.AddBosLogging();
// Metrics at /metrics; traces when Telemetry:OtlpEndpoint is set (docs/metrics.md). The API publishes the cluster gauges.
builder.AddBosTelemetry(clusterGauges: false);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddBosRedis(builder.Configuration);
builder.Services.AddBosMessaging(builder.Configuration, x => WorkerConsumers.Register(x, operators));
// What the operators build on: their writes go through the outbox, they follow the stored options (which also
// set the read timeouts of the clients) and call the hardware services through the clients (Services:*).
builder.Services.AddBosOutbox(builder.Configuration);
builder.Services.AddBosOptions(builder.Configuration);
builder.Services.AddBosServiceClients(builder.Configuration);
builder.Services.AddBosTenantDirectory(builder.Configuration);
if (operators.Sessions) builder.Services.AddBosSessionOperators(builder.Configuration);
if (operators.Components) builder.Services.AddBosOrchestration(builder.Configuration);
builder.Services.AddSingleton<HealthProbe>();
builder.Services.AddOptions<WorkerHealthSettings>().Bind(builder.Configuration.GetSection(WorkerHealthSettings.Section));
builder.Services.AddSingleton<WorkerHealthMonitor>();
builder.Services.AddSingleton<IProcessReadiness>(sp => sp.GetRequiredService<WorkerHealthMonitor>());
builder.Services.AddHostedService(sp => sp.GetRequiredService<WorkerHealthMonitor>());

var app = builder.Build();
app.UseBosMetrics();
app.MapWorkerProbes();
if (await StartupWait.WaitForDependenciesAsync(app.Services, "Bos.Workers") is { } exitCode) return exitCode;
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
