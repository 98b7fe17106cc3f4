using Bos.Api;
using Bos.Api.Auth;
using Bos.Api.Http;
using Bos.Api.Spec;
using Bos.Core.Health;
using Bos.Core.Logging;
using Bos.Core.Telemetry;
using Carter;

var builder = WebApplication.CreateBuilder(args);
builder.AddBosLogging();
// Metrics at /metrics and the cluster gauges; traces when Telemetry:OtlpEndpoint is set (docs/metrics.md).
builder.AddBosTelemetry(clusterGauges: true);
builder.Services.AddBosApi(builder.Configuration);

var app = builder.Build();
app.UseBosRequestLogging();
app.UseBosMetrics();
// Bos's request-line and header limits (414 / 431 problem+json), below Kestrel's raised ones.
app.UseMiddleware<RequestSizeGuard>();
// Path ids '.', '..', '%2F', control characters: refused before Kestrel's normalised path is routed.
app.UseMiddleware<PathGuard>();
// The API gateway prefix (`cray` CLI, bos-reporter): /apis/bos/v2/... and /v2/... both work (routing runs again
// after the prefix is stripped, so the middlewares below see the routed endpoint).
app.UsePathBase("/apis/bos");
app.UseBosRequestLogScope();
// Every write request in the audit log with the answer the client got (Bos extension, docs/compatibility.md).
app.UseMiddleware<Bos.Api.Audit.AuditMiddleware>();
app.UseMiddleware<ProblemMiddleware>();
// Optional bearer-token authentication (Auth:*), off by default (docs/security.md).
app.UseBosAuth();
// Validates each request against its upstream operation before the handler's parameters are bound.
app.UseSpecValidation();
app.MapCarter();
// Redis (and the broker the outbox publishes to) first, with log lines and a bounded wait; SIGTERM ends the wait.
if (await StartupWait.WaitForDependenciesAsync(app.Services, "Bos.Api") is { } exitCode) return exitCode;
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
