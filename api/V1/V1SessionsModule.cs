using Bos.Api.Spec;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bos.Api.V1;

/// <summary>/v1/session and /v1/session/{session_id} (V1-02) with upstream's v1 response shapes.</summary>
public sealed class V1SessionsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/session").AddEndpointFilter<V1TenantFilter>();
        group.MapPost("", CreateAsync).WithV1Spec("create_v1_session");
        group.MapGet("", async (V1SessionService service) => TypedResults.Ok(await service.ListAsync())).WithV1Spec("get_v1_sessions");
        group.MapGet("/{session_id}", GetAsync).WithV1Spec("get_v1_session");
        group.MapDelete("/{session_id}", DeleteAsync).WithV1Spec("delete_v1_session");
    }

    /// <summary>201 with upstream's V1Session: operation, templateName, job, links (session, status) and the limit if any.</summary>
    public static async Task<JsonHttpResult<Dictionary<string, object>>> CreateAsync(ValidatedBody body, V1SessionService service, CancellationToken ct)
    {
        var (id, record) = await service.CreateAsync(body.Object, ct);
        var created = new Dictionary<string, object>
        {
            ["operation"] = record.Operation,
            ["templateName"] = record.TemplateName,
            ["job"] = record.Job,
            ["links"] = new object[]
            {
                new Dictionary<string, string> { ["rel"] = "session", ["href"] = $"/v1/session/{id}", ["jobId"] = record.Job, ["type"] = "GET" },
                new Dictionary<string, string> { ["rel"] = "status", ["href"] = $"/v1/session/{id}/status", ["type"] = "GET" },
            },
        };
        if (!string.IsNullOrEmpty(record.Limit)) created["limit"] = record.Limit;
        return TypedResults.Json(created, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Upstream's V1SessionDetails: the session's attributes plus its status metadata.</summary>
    public static async Task<Ok<Dictionary<string, object?>>> GetAsync([FromRoute(Name = "session_id")] string id, V1SessionService service)
    {
        var (record, _) = await service.GetAsync(id);
        var metadata = (await service.StatusAsync(id)).Metadata;
        return TypedResults.Ok(new Dictionary<string, object?>
        {
            ["operation"] = record.Operation,
            ["templateName"] = record.TemplateName,
            ["job"] = record.Job,
            ["status_link"] = $"/v1/session/{id}/status",
            ["start_time"] = metadata.StartTime,
            ["stop_time"] = metadata.StopTime,
            ["complete"] = metadata.Complete,
            ["in_progress"] = metadata.InProgress,
            ["error_count"] = metadata.ErrorCount,
        });
    }

    public static async Task<NoContent> DeleteAsync([FromRoute(Name = "session_id")] string id, V1SessionService service)
    {
        await service.DeleteAsync(id);
        return TypedResults.NoContent();
    }
}
