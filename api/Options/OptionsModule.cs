using System.Text.Json.Nodes;
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

    public static async Task<Ok<JsonObject>> PatchOptionsAsync(ValidatedBody body, OptionsStore store) =>
        TypedResults.Ok((await store.PatchAsync(body.Object)).Response);
}
