using Bos.Api.Http;
using Bos.Api.Spec;
using Bos.Contracts.Resources;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bos.Api.Sessions;

/// <summary>
/// /v2/sessions (API-33..40). Handlers return their success result; refusals are <see cref="ProblemException"/>s
/// thrown by <see cref="SessionService"/> (often from inside a Redis retry) and written by ProblemMiddleware.
/// </summary>
public sealed class SessionsModule : ICarterModule
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/sessions").WithTags("sessions");

        group.MapPost("", CreateSessionAsync).WithSpec("post_v2_session");
        group.MapGet("", ListSessionsAsync).WithSpec("get_v2_sessions");
        group.MapDelete("", DeleteSessionsAsync).WithSpec("delete_v2_sessions");
        group.MapGet("/{session_id}", GetSessionAsync).WithSpec("get_v2_session");
        group.MapPatch("/{session_id}", PatchSessionAsync).WithSpec("patch_v2_session");
        group.MapDelete("/{session_id}", DeleteSessionAsync).WithSpec("delete_v2_session");
        group.MapGet("/{session_id}/status", GetSessionStatusAsync).WithSpec("get_v2_session_status");
        group.MapPost("/{session_id}/status", SaveSessionStatusAsync).WithSpec("save_v2_session_status");
    }

    /// <summary>API-33: 201 with the stored session.</summary>
    public static async Task<Created<Session>> CreateSessionAsync(
        ValidatedBody body, RequestTenant tenant, SessionService service, CancellationToken ct) =>
        TypedResults.Created((string?)null, await service.CreateAsync(tenant.Name, body.Node, ct));

    public static async Task<Ok<IReadOnlyList<Session>>> ListSessionsAsync(
        SessionListQuery query, RequestTenant tenant, SessionService service) =>
        TypedResults.Ok(await service.ListAsync(tenant.Name, query));

    public static async Task<NoContent> DeleteSessionsAsync(SessionListQuery query, RequestTenant tenant, SessionService service)
    {
        await service.DeleteManyAsync(tenant.Name, query);
        return TypedResults.NoContent();
    }

    /// <summary>API-36: the stored record as it is (what serializing the session would give, without parsing it).</summary>
    public static async Task<FileContentHttpResult> GetSessionAsync(
        [FromRoute(Name = "session_id")] string name, RequestTenant tenant, SessionService service) =>
        TypedResults.Bytes(await service.GetStoredAsync(tenant.Name, name), JsonContentType);

    public static async Task<Ok<Session>> PatchSessionAsync(
        [FromRoute(Name = "session_id")] string name, ValidatedBody body, RequestTenant tenant, SessionService service) =>
        TypedResults.Ok(await service.PatchAsync(tenant.Name, name, body.Object));

    public static async Task<NoContent> DeleteSessionAsync(
        [FromRoute(Name = "session_id")] string name, RequestTenant tenant, SessionService service)
    {
        await service.DeleteAsync(tenant.Name, name);
        return TypedResults.NoContent();
    }

    /// <summary>API-39; <c>?include=eta</c> adds the Bos extension <c>eta</c> (upstream's schema allows no extra property by default).</summary>
    public static async Task<Ok<SessionExtendedStatus>> GetSessionStatusAsync(
        [FromRoute(Name = "session_id")] string name, [FromQuery(Name = "include")] string? include, RequestTenant tenant,
        SessionService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetStatusAsync(tenant.Name, name, IncludesEta(include), ct));

    private static bool IncludesEta(string? include) =>
        include?.Split(',', StringSplitOptions.TrimEntries).Contains("eta", StringComparer.OrdinalIgnoreCase) == true;

    public static async Task<Ok<SessionExtendedStatus>> SaveSessionStatusAsync(
        [FromRoute(Name = "session_id")] string name, RequestTenant tenant, SessionService service, CancellationToken ct) =>
        TypedResults.Ok(await service.SaveStatusAsync(tenant.Name, name, ct));
}
