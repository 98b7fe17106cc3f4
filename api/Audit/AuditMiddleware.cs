using System.Text.Json.Nodes;
using Bos.Api.Http;
using Bos.Api.Spec;
using Bos.Contracts.Resources;
using Bos.Core.Audit;
using Bos.Core.Time;

namespace Bos.Api.Audit;

/// <summary>
/// Records every audited REST request (<see cref="AuditedRequest"/>) in the audit log once it is answered: who (the
/// token's <c>sub</c>), the tenant it acted for (the token's tenant when authentication binds one), what, on which
/// resource, and the status with the problem's title for a refusal; a node's accepted report is left out
/// (<see cref="AuditedRequest.IsNodeReport"/>). It runs outside <see cref="ProblemMiddleware"/>,
/// so refusals (401, 403, 400, 404, 409) are recorded with the answer the client got.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditLog audit, TimeProvider clock)
{
    private const string ProblemTitleKey = "bos.problem-title";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!AuditedRequest.IsAudited(http.Request.Method, http.Request.Path.Value ?? ""))
        {
            await next(http);
            return;
        }
        try
        {
            await next(http);
        }
        finally
        {
            var path = http.Request.Path.Value ?? "";
            var body = ValidatedBody.Peek(http);
            var status = http.Response.StatusCode;
            if (!AuditedRequest.IsNodeReport(http.Request.Method, path, body, status))
                await Append(http, path, body, status);
        }
    }

    private async Task Append(HttpContext http, string path, JsonNode? body, int status)
    {
        var (type, id) = AuditedRequest.Resource(path, body);
        await audit.AppendAsync(new AuditEntry
        {
            Time = Timestamps.FormatPrecise(clock.GetUtcNow()),
            Subject = http.User.FindFirst("sub")?.Value,
            Tenant = http.Request.Headers[Tenant.Header].ToString() is { Length: > 0 } tenant ? tenant : null,
            Channel = "rest",
            Action = $"{http.Request.Method} {http.Request.PathBase}{path}",
            ResourceType = type,
            ResourceId = id,
            Status = status,
            Problem = status >= 400 ? http.Items[ProblemTitleKey] as string ?? Problems.Title(status) : null,
        });
    }

    /// <summary>Remembers the title of the problem a request is answered with (called where problems are written).</summary>
    public static void NoteProblem(HttpContext http, string title) => http.Items[ProblemTitleKey] = title;
}
