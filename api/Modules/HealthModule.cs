using Bos.Core.Health;

namespace Bos.Api.Modules;

/// <summary>GET /v2/healthz (API-23): always 200, upstream's dbStatus/apiStatus plus the broker's state.</summary>
public sealed class HealthModule : IEndpointModule
{
    // Upstream's field names are camelCase: the API's snake_case policy must not rename them.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

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
            }, Json);
        }).WithName("get_v2_healthz").WithTags("healthz");
    }
}
