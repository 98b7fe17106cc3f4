using Bos.Api.Http;
using Bos.Api.Spec;
using Bos.Core.Sessions.V1;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bos.Api.V1;

/// <summary>
/// /v1/session/{session_id}/status… (V1-02): the v1 status views, derived from the component records. BOA wrote
/// these statuses under upstream; Bos derives them, so the write operations keep upstream's codes without storing
/// anything: a status exists exactly while its session does (POST: 409), PATCH answers the current status, DELETE
/// is a 204 that leaves it (docs/compatibility.md, V1-04).
/// </summary>
public sealed class V1StatusModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var status = app.MapGroup("/v1/session/{session_id}/status").AddEndpointFilter<V1TenantFilter>();
        status.MapGet("", SessionStatusAsync).WithV1Spec("get_v1_session_status");
        status.MapPost("", ExistsAsync).WithV1Spec("create_v1_session_status");
        status.MapPatch("", SessionStatusAsync).WithV1Spec("update_v1_session_status");
        status.MapDelete("", LeaveSessionStatusAsync).WithV1Spec("delete_v1_session_status");

        status.MapGet("/{boot_set_name}", BootSetStatusAsync).WithV1Spec("get_v1_session_status_by_bootset");
        status.MapPost("/{boot_set_name}", BootSetExistsAsync).WithV1Spec("create_v1_boot_set_status");
        status.MapPatch("/{boot_set_name}", BootSetStatusAsync).WithV1Spec("update_v1_session_status_by_bootset");
        status.MapDelete("/{boot_set_name}", LeaveBootSetStatusAsync).WithV1Spec("delete_v1_boot_set_status");
        status.MapGet("/{boot_set_name}/{phase_name}", PhaseAsync).WithV1Spec("get_v1_session_status_by_bootset_and_phase");
        status.MapGet("/{boot_set_name}/{phase_name}/{category_name}", CategoryAsync)
            .WithV1Spec("get_v1_session_status_by_bootset_and_phase_and_category");
    }

    public static async Task<Ok<V1SessionStatus>> SessionStatusAsync([FromRoute(Name = "session_id")] string id, V1SessionService service)
    {
        var status = await service.StatusAsync(id);
        var self = $"/v1/session/{id}/status";
        return TypedResults.Ok(status with
        {
            Links = [new V1Link("self", self), .. status.BootSets.Select(b => new V1Link("Boot Set", $"{self}/{b}"))],
        });
    }

    public static async Task<Ok<V1BootSetStatus>> BootSetStatusAsync(
        [FromRoute(Name = "session_id")] string id, [FromRoute(Name = "boot_set_name")] string bootSet, V1SessionService service)
    {
        var status = await service.BootSetStatusAsync(id, bootSet);
        var self = $"/v1/session/{id}/status/{bootSet}";
        return TypedResults.Ok(status with { Links = [new V1Link("self", self), .. status.Phases.Select(p => new V1Link("Phase", $"{self}/{p.Name}"))] });
    }

    public static async Task<Ok<V1Phase>> PhaseAsync([FromRoute(Name = "session_id")] string id, [FromRoute(Name = "boot_set_name")] string bootSet,
        [FromRoute(Name = "phase_name")] string phase, V1SessionService service) =>
        TypedResults.Ok((await service.BootSetStatusAsync(id, bootSet)).Phase(phase) ?? throw ProblemException.NotFound("Phase", phase, null));

    public static async Task<Ok<V1Category>> CategoryAsync([FromRoute(Name = "session_id")] string id, [FromRoute(Name = "boot_set_name")] string bootSet,
        [FromRoute(Name = "phase_name")] string phase, [FromRoute(Name = "category_name")] string category, V1SessionService service)
    {
        var status = (await PhaseAsync(id, bootSet, phase, service)).Value!;
        return TypedResults.Ok(status.Category(category) ?? throw ProblemException.NotFound("Category", category, null));
    }

    private static async Task<ProblemHttpResult> ExistsAsync([FromRoute(Name = "session_id")] string id, V1SessionService service)
    {
        await service.GetAsync(id);
        return Conflict($"The status of session {id} already exists: it is derived from the session's components");
    }

    private static async Task<ProblemHttpResult> BootSetExistsAsync(
        [FromRoute(Name = "session_id")] string id, [FromRoute(Name = "boot_set_name")] string bootSet, V1SessionService service)
    {
        await service.BootSetStatusAsync(id, bootSet);
        return Conflict($"The status of boot set {bootSet} of session {id} already exists: it is derived from the session's components");
    }

    private static async Task<NoContent> LeaveSessionStatusAsync([FromRoute(Name = "session_id")] string id, V1SessionService service)
    {
        await service.GetAsync(id);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LeaveBootSetStatusAsync(
        [FromRoute(Name = "session_id")] string id, [FromRoute(Name = "boot_set_name")] string bootSet, V1SessionService service)
    {
        await service.BootSetStatusAsync(id, bootSet);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
