using Bos.Core.Clients;
using Bos.Core.Health;
using Bos.Core.Logging;
using Bos.Core.Messaging;
using Bos.Core.Options;
using Bos.Core.Outbox;
using Bos.Core.Redis;
using Bos.Workers;
using Bos.Workers.Orchestration;

var builder = WebApplication.CreateBuilder(args);
builder.AddBosLogging();
builder.Services.AddBosRedis(builder.Configuration);
builder.Services.AddBosMessaging(builder.Configuration, WorkerConsumers.Register);
builder.Services.AddBosOutbox(builder.Configuration);
builder.Services.AddBosOptions(builder.Configuration);
builder.Services.AddBosServiceClients(builder.Configuration);
builder.Services.AddBosOrchestration(builder.Configuration);
builder.Services.AddSingleton<HealthProbe>();

var app = builder.Build();
app.MapWorkerProbes();
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
