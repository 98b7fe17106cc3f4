namespace Bos.Api.Modules;

/// <summary>GET /v2/openapi.json: the OpenAPI document generated from Bos's own endpoints (not upstream's spec file).</summary>
public sealed class OpenApiModule : IEndpointModule
{
    public const string Path = "/v2/openapi.json";

    public void Map(IEndpointRouteBuilder app) => app.MapOpenApi(Path);
}
