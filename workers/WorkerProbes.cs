namespace Bos.Workers;

/// <summary>Liveness and readiness for the Helm chart's probes (docs/operators.md, "Readiness, liveness and leases").</summary>
public static class WorkerProbes
{
    public static void MapWorkerProbes(this IEndpointRouteBuilder app)
    {
        // Live: the process answers and has not been unready longer than Worker:LivenessTimeout (it did not recover
        // by itself: restart it).
        app.MapGet("/healthz/live", (WorkerHealthMonitor monitor) =>
        {
            var report = monitor.Report;
            var body = new { status = monitor.IsLive ? "ok" : "not_recovering", instance = WorkerInstance.Id, unreadySince = report.UnreadySince };
            return monitor.IsLive ? Results.Ok(body) : Results.Json(body, statusCode: 503);
        });
        // Ready: Redis answers, the broker is connected and every receive endpoint consumes (checked now, not cached).
        app.MapGet("/healthz/ready", async (WorkerHealthMonitor monitor, CancellationToken ct) =>
        {
            var report = await monitor.CheckAsync(ct);
            var body = new
            {
                dbStatus = report.RedisOk ? "ok" : "not_available",
                brokerStatus = report.BrokerStatus,
                consumersStatus = report.NotConsuming.Count == 0 ? "ok" : "not_consuming",
                notConsuming = report.NotConsuming,
                consumersCheck = report.ConsumersCheck,
                unreadySince = report.UnreadySince,
            };
            return report.Ready ? Results.Ok(body) : Results.Json(body, statusCode: 503);
        });
    }
}
