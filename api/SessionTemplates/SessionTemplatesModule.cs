using Bos.Api.Http;
using Bos.Api.Spec;
using Bos.Contracts.Resources;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bos.Api.SessionTemplates;

/// <summary>
/// /v2/sessiontemplates and /v2/sessiontemplatesvalid (API-26..31). Handlers return their success result; refusals
/// are <see cref="ProblemException"/>s thrown by <see cref="SessionTemplateService"/> and written by ProblemMiddleware.
/// </summary>
public sealed class SessionTemplatesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/sessiontemplates").WithTags("sessiontemplates");

        group.MapGet("", ListTemplatesAsync).WithSpec("get_v2_sessiontemplates");
        group.MapGet("/{session_template_id}", GetTemplateAsync).WithSpec("get_v2_sessiontemplate");
        group.MapPut("/{session_template_id}", PutTemplateAsync).WithSpec("put_v2_sessiontemplate");
        group.MapPatch("/{session_template_id}", PatchTemplateAsync).WithSpec("patch_v2_sessiontemplate");
        group.MapDelete("/{session_template_id}", DeleteTemplateAsync).WithSpec("delete_v2_sessiontemplate");

        app.MapGet("/v2/sessiontemplatesvalid/{session_template_id}", ValidateTemplateAsync)
            .WithTags("sessiontemplates").WithSpec("validate_v2_sessiontemplate");
    }

    public static async Task<Ok<IReadOnlyList<SessionTemplate>>> ListTemplatesAsync(RequestTenant tenant, SessionTemplateService service) =>
        TypedResults.Ok(await service.ListAsync(tenant.Name));

    public static async Task<Ok<SessionTemplate>> GetTemplateAsync(
        [FromRoute(Name = "session_template_id")] string name, RequestTenant tenant, SessionTemplateService service) =>
        TypedResults.Ok(await service.GetAsync(tenant.Name, name));

    /// <summary>API-28: create or overwrite, always 200.</summary>
    public static async Task<Ok<SessionTemplate>> PutTemplateAsync(
        [FromRoute(Name = "session_template_id")] string name, ValidatedBody body, RequestTenant tenant, SessionTemplateService service,
        CancellationToken ct) =>
        TypedResults.Ok(await service.PutAsync(tenant.Name, name, body.As<SessionTemplate>(), ct));

    public static async Task<Ok<SessionTemplate>> PatchTemplateAsync(
        [FromRoute(Name = "session_template_id")] string name, ValidatedBody body, RequestTenant tenant, SessionTemplateService service,
        CancellationToken ct) =>
        TypedResults.Ok(await service.PatchAsync(tenant.Name, name, body.As<SessionTemplate>(), ct));

    public static async Task<NoContent> DeleteTemplateAsync(
        [FromRoute(Name = "session_template_id")] string name, RequestTenant tenant, SessionTemplateService service)
    {
        await service.DeleteAsync(tenant.Name, name);
        return TypedResults.NoContent();
    }

    /// <summary>API-31: the validation message as a JSON string, 200 even when the template is invalid.</summary>
    public static async Task<Ok<string>> ValidateTemplateAsync(
        [FromRoute(Name = "session_template_id")] string name, RequestTenant tenant, SessionTemplateService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ValidateAsync(tenant.Name, name, ct));
}
