using Bos.Api;
using Bos.Api.Http;
using Bos.Core.Logging;

var builder = WebApplication.CreateBuilder(args);
builder.AddBosLogging();
builder.Services.AddBosApi(builder.Configuration);

var app = builder.Build();
app.UseBosRequestLogging();
// The API gateway prefix (`cray` CLI, bos-reporter): /apis/bos/v2/... and /v2/... both work.
app.UsePathBase("/apis/bos");
app.UseBosRequestLogScope();
app.UseMiddleware<ProblemMiddleware>();
app.MapBosModules();
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
