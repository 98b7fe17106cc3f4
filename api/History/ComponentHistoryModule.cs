using Bos.Api.Components;
using Bos.Api.DryRun;
using Bos.Api.Http;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bos.Api.History;

/// <summary>Bos extension (issue #17): a component's history, newest first (core/Components/ComponentHistory).</summary>
public sealed class ComponentHistoryModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/v2/components/{component_id}/history", GetHistoryAsync).WithName("get_v2_component_history")
            .WithTags("components", DryRunModule.ExtensionTag).Produces<ComponentHistoryAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Bos extension: a component's history (phase changes, power actions, errors, reports, sessions), newest first")
            .WithDescription("`limit` (default 100, at most 10000) entries, within the configured retention (History:MaxEntries, "
                             + "History:MaxAge). 404 when the component does not exist or is not the tenant's.");

    public static async Task<Ok<ComponentHistoryAnswer>> GetHistoryAsync(
        [FromRoute(Name = "component_id")] string id, RequestTenant tenant, ComponentService components, ComponentHistoryStore history,
        CancellationToken ct, [FromQuery(Name = "limit")] string? limit = null)
    {
        var take = QueryLimit.Parse(limit, 100);
        // The component's own GET decides: the same 404 (tenant-aware) as GET /v2/components/{id}.
        await components.GetAsync(tenant.Name, id, ct);
        return TypedResults.Ok(new ComponentHistoryAnswer(id, await history.ReadAsync(id, take)));
    }
}
