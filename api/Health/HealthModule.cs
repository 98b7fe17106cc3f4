using Bos.Core.Health;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bos.Api.Health;

/// <summary>GET /v2/healthz (API-23): always 200, upstream's dbStatus/apiStatus plus the broker's state.</summary>
public sealed class HealthModule : ICarterModule
{
    // Named only: the spec operation has no parameters or body to validate.
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/v2/healthz", GetHealthAsync).WithName("get_v2_healthz").WithTags("healthz").AllowAnonymous();

    public static async Task<Ok<Dictionary<string, string>>> GetHealthAsync(HealthProbe probe)
    {
        var report = await probe.CheckAsync();
        // A dictionary keeps upstream's camelCase keys under the API's snake_case naming policy.
        return TypedResults.Ok(new Dictionary<string, string>
        {
            ["dbStatus"] = report.RedisOk ? "ok" : "not_available",
            ["apiStatus"] = "ok",
            ["brokerStatus"] = report.BrokerStatus,
        });
    }
}
