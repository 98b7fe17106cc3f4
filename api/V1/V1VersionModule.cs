using Bos.Api.Health;
using Bos.Api.Spec;
using Bos.Api.Version;
using Carter;

namespace Bos.Api.V1;

/// <summary>GET /v1, /v1/version and /v1/healthz (V1-02): the v2 answers under the v1 paths.</summary>
public sealed class V1VersionModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1", (HttpRequest request) => TypedResults.Ok(VersionModule.Describe(request, "/v1"))).WithV1Spec("v1_get").AllowAnonymous();
        app.MapGet("/v1/version", (HttpRequest request) => TypedResults.Ok(VersionModule.Describe(request, "/v1/version")))
            .WithV1Spec("v1_get_version").AllowAnonymous();
        app.MapGet("/v1/healthz", HealthModule.GetHealthAsync).WithV1Spec("v1_get_healthz").AllowAnonymous();
    }
}
