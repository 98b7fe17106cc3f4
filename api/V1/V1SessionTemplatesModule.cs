using Bos.Api.SessionTemplates;
using Bos.Api.Spec;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bos.Api.V1;

/// <summary>
/// /v1/sessiontemplate (V1-02): v1 templates are stored as untenanted v2 templates (the v2 save pipeline included);
/// reads and deletes are the v2 ones.
/// </summary>
public sealed class V1SessionTemplatesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/sessiontemplate").AddEndpointFilter<V1TenantFilter>();
        group.MapPost("", CreateAsync).WithV1Spec("create_v1_sessiontemplate");
        group.MapGet("", async (SessionTemplateService service) => TypedResults.Ok(await service.ListAsync(null)))
            .WithV1Spec("get_v1_sessiontemplates");
        group.MapGet("/{session_template_id}", async ([FromRoute(Name = "session_template_id")] string name, SessionTemplateService service) =>
            TypedResults.Ok(await service.GetAsync(null, name))).WithV1Spec("get_v1_sessiontemplate");
        group.MapDelete("/{session_template_id}", DeleteAsync).WithV1Spec("delete_v1_sessiontemplate");
        app.MapGet("/v1/sessiontemplatetemplate", () => TypedResults.Ok(V1Templates.Example())).WithV1Spec("get_v1_sessiontemplatetemplate");
    }

    /// <summary>201 with the template's name as a JSON string, as upstream.</summary>
    public static async Task<JsonHttpResult<string>> CreateAsync(ValidatedBody body, SessionTemplateService service, CancellationToken ct)
    {
        var (name, v2) = V1Templates.ToV2(body.Object);
        await service.PutAsync(null, name, BosJson.Deserialize<SessionTemplate>(v2), ct);
        return TypedResults.Json(name, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<NoContent> DeleteAsync([FromRoute(Name = "session_template_id")] string name, SessionTemplateService service)
    {
        await service.DeleteAsync(null, name);
        return TypedResults.NoContent();
    }
}
