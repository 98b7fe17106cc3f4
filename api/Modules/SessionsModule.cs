using System.Text.Json.Nodes;
using Bos.Api.Sessions;
using Bos.Api.Spec;

namespace Bos.Api.Modules;

/// <summary>/v2/sessions (API-33..40).</summary>
public sealed class SessionsModule : IEndpointModule
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/sessions").WithTags("sessions");

        group.MapPost("", async (HttpContext http, SessionService service, CancellationToken ct) =>
            Results.Json(await service.CreateAsync(http, Body(http), ct), statusCode: StatusCodes.Status201Created))
            .WithSpec("post_v2_session");

        group.MapGet("", async (HttpContext http, SessionService service) =>
            Results.Ok(await service.ListAsync(http))).WithSpec("get_v2_sessions");

        group.MapDelete("", async (HttpContext http, SessionService service) =>
        {
            await service.DeleteManyAsync(http);
            return Results.NoContent();
        }).WithSpec("delete_v2_sessions");

        group.MapGet("/{session_id}", async (string session_id, HttpContext http, SessionService service) =>
            Results.Ok(await service.GetAsync(http, session_id))).WithSpec("get_v2_session");

        group.MapPatch("/{session_id}", async (string session_id, HttpContext http, SessionService service) =>
            Results.Ok(await service.PatchAsync(http, session_id, Body(http).AsObject()))).WithSpec("patch_v2_session");

        group.MapDelete("/{session_id}", async (string session_id, HttpContext http, SessionService service) =>
        {
            await service.DeleteAsync(http, session_id);
            return Results.NoContent();
        }).WithSpec("delete_v2_session");

        group.MapGet("/{session_id}/status", async (string session_id, HttpContext http, SessionService service, CancellationToken ct) =>
            Results.Ok(await service.GetStatusAsync(http, session_id, ct))).WithSpec("get_v2_session_status");

        group.MapPost("/{session_id}/status", async (string session_id, HttpContext http, SessionService service, CancellationToken ct) =>
            Results.Ok(await service.SaveStatusAsync(http, session_id, ct))).WithSpec("save_v2_session_status");
    }

    private static JsonNode Body(HttpContext http) => RequestBody.Get(http) ?? new JsonObject();
}
