using System.Text.Json.Nodes;
using Bos.Api.Spec;
using Bos.Api.Templates;
using Bos.Contracts.Resources;
using Bos.Core.Json;

namespace Bos.Api.Modules;

/// <summary>/v2/sessiontemplates and /v2/sessiontemplatesvalid (API-26..31).</summary>
public sealed class SessionTemplatesModule : IEndpointModule
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/sessiontemplates").WithTags("sessiontemplates");

        group.MapGet("", async (HttpContext http, SessionTemplateService service) =>
            Results.Ok(await service.ListAsync(http))).WithSpec("get_v2_sessiontemplates");

        group.MapGet("/{session_template_id}", async (string session_template_id, HttpContext http, SessionTemplateService service) =>
            Results.Ok(await service.GetAsync(http, session_template_id))).WithSpec("get_v2_sessiontemplate");

        group.MapPut("/{session_template_id}", async (string session_template_id, HttpContext http, SessionTemplateService service, CancellationToken ct) =>
            Results.Ok(await service.PutAsync(http, session_template_id, Template(http), ct))).WithSpec("put_v2_sessiontemplate");

        group.MapPatch("/{session_template_id}", async (string session_template_id, HttpContext http, SessionTemplateService service, CancellationToken ct) =>
            Results.Ok(await service.PatchAsync(http, session_template_id, Template(http), ct))).WithSpec("patch_v2_sessiontemplate");

        group.MapDelete("/{session_template_id}", async (string session_template_id, HttpContext http, SessionTemplateService service) =>
        {
            await service.DeleteAsync(http, session_template_id);
            return Results.NoContent();
        }).WithSpec("delete_v2_sessiontemplate");

        app.MapGet("/v2/sessiontemplatesvalid/{session_template_id}",
                async (string session_template_id, HttpContext http, SessionTemplateService service, CancellationToken ct) =>
                    Results.Json(await service.ValidateAsync(http, session_template_id, ct)))
            .WithTags("sessiontemplates").WithSpec("validate_v2_sessiontemplate");
    }

    private static SessionTemplate Template(HttpContext http) => BosJson.Deserialize<SessionTemplate>(RequestBody.Get(http) ?? new JsonObject());
}
