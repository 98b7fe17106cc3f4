using Bos.Core.Health;
using Bos.Core.Logging;
using Bos.Core.Messaging;
using Bos.Core.Redis;
using Bos.Workers;

var builder = WebApplication.CreateBuilder(args);
builder.AddBosLogging();
builder.Services.AddBosRedis(builder.Configuration);
builder.Services.AddBosMessaging(builder.Configuration, WorkerConsumers.Register);
builder.Services.AddSingleton<HealthProbe>();

var app = builder.Build();
app.MapWorkerProbes();
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
