using Bos.Core.Health;

namespace Bos.Api.Modules;

/// <summary>GET /v2/healthz (API-23): always 200, upstream's dbStatus/apiStatus plus the broker's state.</summary>
public sealed class HealthModule : IEndpointModule
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/healthz", async (HealthProbe probe) =>
        {
            var report = await probe.CheckAsync();
            return Results.Json(new
            {
                dbStatus = report.RedisOk ? "ok" : "not_available",
                apiStatus = "ok",
                brokerStatus = report.BrokerStatus,
            });
        }).WithName("get_v2_healthz").WithTags("healthz");
    }
}
