using Bos.Core.Health;

namespace Bos.Workers;

/// <summary>Liveness and readiness for the Helm chart's probes.</summary>
public static class WorkerProbes
{
    public static void MapWorkerProbes(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: Redis and the broker are reachable, so work can flow.
        app.MapGet("/healthz/live", () => Results.Ok(new { status = "ok", instance = WorkerInstance.Id }));
        app.MapGet("/healthz/ready", async (HealthProbe probe) =>
        {
            var report = await probe.CheckAsync();
            var body = new { dbStatus = report.RedisOk ? "ok" : "not_available", brokerStatus = report.BrokerStatus };
            return report.RedisOk && report.BrokerOk ? Results.Ok(body) : Results.Json(body, statusCode: 503);
        });
    }
}
