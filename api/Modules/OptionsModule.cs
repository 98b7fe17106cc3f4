using Bos.Api.OpenApi;
using Bos.Api.Spec;
using Bos.Core.Options;

namespace Bos.Api.Modules;

/// <summary>
/// /v2/options (API-24/25). The body is validated by the spec (ranges, patterns, 1–1024 properties); the record
/// rules live in <see cref="OptionsRecord"/>. A PATCH's `logging_level` reaches this process at once and the
/// workers through OptionsChanged (see <see cref="OptionsStore"/>, <see cref="OptionsFollower"/>).
/// </summary>
public sealed class OptionsModule : IEndpointModule
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/options").WithTags("options");

        group.MapGet("", async (OptionsStore store) => Results.Json(await store.GetAsync()))
            .WithSpec("get_v2_options").Produces<BosOptions>();

        group.MapPatch("", async (HttpContext http, OptionsStore store) =>
        {
            var patch = RequestBody.Get(http)!.AsObject();
            return Results.Json((await store.PatchAsync(patch)).Response);
        }).WithSpec("patch_v2_options").DocumentsBody<BosOptions>().Produces<BosOptions>();
    }
}
