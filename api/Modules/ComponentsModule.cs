using System.Text.Json.Nodes;
using Bos.Api.Components;
using Bos.Api.OpenApi;
using Bos.Api.Spec;
using Bos.Contracts.Resources;
using Bos.Core.Json;

namespace Bos.Api.Modules;

/// <summary>/v2/components (API-41..47).</summary>
public sealed class ComponentsModule : IEndpointModule
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/components").WithTags("components");

        group.MapGet("", async (HttpContext http, ComponentService service, CancellationToken ct) =>
            Results.Ok(await service.ListAsync(http, ct))).WithSpec("get_v2_components").Produces<List<Component>>();

        group.MapPut("", async (HttpContext http, ComponentService service) =>
        {
            var records = Body(http).AsArray().Select(n => BosJson.Deserialize<Component>(n!)).ToList();
            return Results.Ok(await service.PutAsync(records));
        }).WithSpec("put_v2_components").DocumentsBody<List<Component>>().Produces<List<Component>>();

        group.MapPatch("", async (HttpContext http, ComponentService service, CancellationToken ct) =>
        {
            var skip = http.Request.Query.TryGetValue("skip_bad_ids", out var s) && bool.Parse(s.ToString());
            return Results.Ok(await service.PatchManyAsync(http, Body(http), skip, ct));
        }).WithSpec("patch_v2_components").Produces<List<Component>>();

        group.MapGet("/{component_id}", async (string component_id, HttpContext http, ComponentService service, CancellationToken ct) =>
            Results.Ok(await service.GetAsync(http, component_id, ct))).WithSpec("get_v2_component").Produces<Component>();

        group.MapPut("/{component_id}", async (string component_id, HttpContext http, ComponentService service) =>
        {
            var record = BosJson.Deserialize<Component>(Body(http)) with { Id = component_id };
            return Results.Ok((await service.PutAsync([record]))[0]);
        }).WithSpec("put_v2_component").DocumentsBody<Component>().Produces<Component>();

        group.MapPatch("/{component_id}", async (string component_id, HttpContext http, ComponentService service, CancellationToken ct) =>
            Results.Ok(await service.PatchOneAsync(http, component_id, BosJson.Deserialize<Component>(Body(http)), ct)))
            .WithSpec("patch_v2_component").DocumentsBody<Component>().Produces<Component>();

        group.MapDelete("/{component_id}", async (string component_id, HttpContext http, ComponentService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(http, component_id, ct);
            return Results.NoContent();
        }).WithSpec("delete_v2_component").Produces(StatusCodes.Status204NoContent);
    }

    private static JsonNode Body(HttpContext http) => RequestBody.Get(http) ?? new JsonObject();
}
