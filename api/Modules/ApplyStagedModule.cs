using Bos.Api.Components;
using Bos.Api.Spec;

namespace Bos.Api.Modules;

/// <summary>POST /v2/applystaged (API-48, OP-80).</summary>
public sealed class ApplyStagedModule : IEndpointModule
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/applystaged", async (HttpContext http, ApplyStagedService service, CancellationToken ct) =>
        {
            var body = RequestBody.Get(http);
            var xnames = body?["xnames"]?.AsArray().Select(n => (string)n!).ToList() ?? [];
            var result = await service.ApplyAsync(http, xnames, ct);
            return Results.Json(new Dictionary<string, IReadOnlyList<string>>
            {
                ["succeeded"] = result.Succeeded, ["failed"] = result.Failed, ["ignored"] = result.Ignored,
            });
        }).WithSpec("post_v2_apply_staged").WithTags("applystaged");
    }
}
