using Bos.Api;
using Bos.Core.Health;
using Bos.Core.Logging;
using Bos.Core.Messaging;
using Bos.Core.Redis;

var builder = WebApplication.CreateBuilder(args);
builder.AddBosLogging();
builder.Services.AddBosRedis(builder.Configuration);
builder.Services.AddBosMessaging(builder.Configuration);
builder.Services.AddSingleton<HealthProbe>();

var app = builder.Build();
// The API gateway prefix (`cray` CLI, bos-reporter): /apis/bos/v2/... and /v2/... both work.
app.UsePathBase("/apis/bos");
app.MapBosModules();
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
