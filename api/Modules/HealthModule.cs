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
            // A dictionary keeps upstream's camelCase keys under the API's snake_case naming policy.
            return Results.Json(new Dictionary<string, string>
            {
                ["dbStatus"] = report.RedisOk ? "ok" : "not_available",
                ["apiStatus"] = "ok",
                ["brokerStatus"] = report.BrokerStatus,
            });
        }).WithName("get_v2_healthz").WithTags("healthz");
    }
}
