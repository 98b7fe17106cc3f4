using Bos.Api.Http;
using Bos.Api.Spec;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bos.Api.ApplyStaged;

/// <summary>POST /v2/applystaged (API-48, OP-80).</summary>
public sealed class ApplyStagedModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/v2/applystaged", ApplyStagedAsync).WithSpec("post_v2_apply_staged").WithTags("applystaged");

    /// <summary>The ids that were applied, failed or ignored (a dictionary keeps upstream's key order and names).</summary>
    public static async Task<Ok<Dictionary<string, IReadOnlyList<string>>>> ApplyStagedAsync(
        ValidatedBody body, RequestTenant tenant, ApplyStagedService service, CancellationToken ct)
    {
        var xnames = body.Json?["xnames"]?.AsArray().Select(n => (string)n!).ToList() ?? [];
        var result = await service.ApplyAsync(tenant.Name, xnames, ct);
        return TypedResults.Ok(new Dictionary<string, IReadOnlyList<string>>
        {
            ["succeeded"] = result.Succeeded, ["failed"] = result.Failed, ["ignored"] = result.Ignored,
        });
    }
}
