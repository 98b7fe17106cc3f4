using Carter;

namespace Bos.Api.OpenApi;

/// <summary>GET /v2/openapi.json: the OpenAPI document generated from Bos's own endpoints (not upstream's spec file).</summary>
public sealed class OpenApiModule : ICarterModule
{
    public const string Path = "/v2/openapi.json";

    public void AddRoutes(IEndpointRouteBuilder app) => app.MapOpenApi(Path);
}
