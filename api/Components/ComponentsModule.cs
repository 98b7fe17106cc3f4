using Bos.Api.Http;
using Bos.Api.OpenApi;
using Bos.Api.Spec;
using Bos.Contracts.Resources;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bos.Api.Components;

/// <summary>
/// /v2/components (API-41..47). Handlers return their success result; refusals are <see cref="ProblemException"/>s
/// thrown by <see cref="ComponentService"/> and written by ProblemMiddleware.
/// </summary>
public sealed class ComponentsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/components").WithTags("components");

        group.MapGet("", ListComponentsAsync).WithSpec("get_v2_components").Produces<List<Component>>();
        group.MapPut("", PutComponentsAsync).WithSpec("put_v2_components").DocumentsBody<List<Component>>().Produces<List<Component>>();
        group.MapPatch("", PatchComponentsAsync).WithSpec("patch_v2_components").Produces<List<Component>>();
        group.MapGet("/{component_id}", GetComponentAsync).WithSpec("get_v2_component").Produces<Component>();
        group.MapPut("/{component_id}", PutComponentAsync).WithSpec("put_v2_component").DocumentsBody<Component>().Produces<Component>();
        group.MapPatch("/{component_id}", PatchComponentAsync).WithSpec("patch_v2_component").DocumentsBody<Component>().Produces<Component>();
        group.MapDelete("/{component_id}", DeleteComponentAsync).WithSpec("delete_v2_component").Produces(StatusCodes.Status204NoContent);
    }

    /// <summary>API-41: the matching records, streamed.</summary>
    public static async Task<Ok<IAsyncEnumerable<Component>>> ListComponentsAsync(
        ComponentQuery query, RequestTenant tenant, ComponentService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(tenant.Name, query, ct));

    /// <summary>API-42: full replace of many records (with a tenant, only the tenant's; Q-23).</summary>
    public static async Task<Ok<IReadOnlyList<Component>>> PutComponentsAsync(
        ValidatedBody body, RequestTenant tenant, ComponentService service, CancellationToken ct)
    {
        var records = body.Node.AsArray().Select(n => Bos.Core.Json.BosJson.Deserialize<Component>(n!)).ToList();
        return TypedResults.Ok(await service.PutAsync(tenant.Name, records, ct));
    }

    /// <summary>API-43: a list of patches, or one patch for a filter's components.</summary>
    public static async Task<Ok<IReadOnlyList<Component>>> PatchComponentsAsync(
        ValidatedBody body, RequestTenant tenant, ComponentService service, CancellationToken ct,
        [FromQuery(Name = "skip_bad_ids")] bool? skipBadIds = null) =>
        TypedResults.Ok(await service.PatchManyAsync(tenant.Name, body.Node, skipBadIds ?? false, ct));

    public static async Task<Ok<Component>> GetComponentAsync(
        [FromRoute(Name = "component_id")] string id, RequestTenant tenant, ComponentService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(tenant.Name, id, ct));

    /// <summary>API-45: full replace of one record, its id taken from the path.</summary>
    public static async Task<Ok<Component>> PutComponentAsync(
        [FromRoute(Name = "component_id")] string id, ValidatedBody body, RequestTenant tenant, ComponentService service, CancellationToken ct)
    {
        var record = body.As<Component>() with { Id = id };
        return TypedResults.Ok((await service.PutAsync(tenant.Name, [record], ct))[0]);
    }

    /// <summary>API-46.</summary>
    public static async Task<Ok<Component>> PatchComponentAsync(
        [FromRoute(Name = "component_id")] string id, ValidatedBody body, RequestTenant tenant, ComponentService service, CancellationToken ct) =>
        TypedResults.Ok(await service.PatchOneAsync(tenant.Name, id, body.As<Component>(), ct));

    public static async Task<NoContent> DeleteComponentAsync(
        [FromRoute(Name = "component_id")] string id, RequestTenant tenant, ComponentService service, CancellationToken ct)
    {
        await service.DeleteAsync(tenant.Name, id, ct);
        return TypedResults.NoContent();
    }
}
