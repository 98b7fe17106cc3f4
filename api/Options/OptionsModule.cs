using System.Text.Json.Nodes;
using Bos.Api.Http;
using Bos.Api.OpenApi;
using Bos.Api.Spec;
using Bos.Core.Options;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bos.Api.Options;

/// <summary>
/// /v2/options (API-24/25). The body is validated by the spec (ranges, patterns, 1–1024 properties); the record
/// rules live in <see cref="OptionsRecord"/>. A PATCH's `logging_level` reaches this process at once and the
/// workers through OptionsChanged (see <see cref="OptionsStore"/>, <see cref="OptionsFollower"/>).
/// </summary>
public sealed class OptionsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/options").WithTags("options");

        group.MapGet("", GetOptionsAsync).WithSpec("get_v2_options").Produces<BosOptions>();
        group.MapPatch("", PatchOptionsAsync).WithSpec("patch_v2_options").DocumentsBody<BosOptions>().Produces<BosOptions>();
    }

    /// <summary>API-24: the effective options record (repaired and written back when the stored one is incomplete).</summary>
    public static async Task<Ok<JsonObject>> GetOptionsAsync(OptionsStore store) => TypedResults.Ok(await store.GetAsync());

    /// <summary>
    /// API-25. The options are global: a request for a tenant (`Cray-Tenant-Name`, or a token's tenant) is refused
    /// with 403 (upstream ignored the header, so any tenant could change every tenant's options).
    /// </summary>
    public static async Task<Ok<JsonObject>> PatchOptionsAsync(ValidatedBody body, RequestTenant tenant, OptionsStore store)
    {
        if (tenant.Name is not null)
            throw new ProblemException(403, "Forbidden", $"The options are global: a request for tenant '{tenant.Name}' can not change them");
        return TypedResults.Ok((await store.PatchAsync(body.Object)).Response);
    }
}
