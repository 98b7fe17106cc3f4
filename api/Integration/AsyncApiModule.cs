using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bos.Api.Integration;

/// <summary>GET /asyncapi.json: the AsyncAPI 3 document of the events and commands (docs/integration.md).</summary>
public sealed class AsyncApiModule : ICarterModule
{
    public const string Path = "/asyncapi.json";

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(Path, GetAsyncApi).WithName("get_asyncapi").WithTags("integration").ExcludeFromDescription();

    public static ContentHttpResult GetAsyncApi() => TypedResults.Text(AsyncApiDocument.Json, "application/json");
}
