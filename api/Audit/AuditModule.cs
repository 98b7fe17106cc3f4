using Bos.Api.DryRun;
using Bos.Api.Http;
using Bos.Contracts.Resources;
using Bos.Core.Audit;
using Bos.Core.Time;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bos.Api.Audit;

/// <summary>
/// Bos extension (issue #17): the audit log of user-initiated writes, newest first. A tenant sees only its own
/// entries; without a tenant every entry (with authentication on, that needs the admin role, as other operations on
/// everything do: <see cref="Auth.BosAuthMiddleware.IsAdminOnly"/>).
/// </summary>
public sealed class AuditModule : ICarterModule
{
    public const string OperationName = "get_v2_audit";

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/v2/audit", GetAuditAsync).WithName(OperationName)
            .WithTags(DryRunModule.ExtensionTag).Produces<AuditAnswer>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Bos extension: the audit log of write requests and commands (who, tenant, what, resource, outcome), newest first")
            .WithDescription("`since` and `until` (RFC 3339) bound the time, `resource` is a type (`component`), a type and id "
                             + "(`component/x1`) or an id; `limit` defaults to 100 (at most 10000). A tenant sees its own entries only.");

    public static async Task<Ok<AuditAnswer>> GetAuditAsync(
        RequestTenant tenant, AuditLog audit,
        [FromQuery(Name = "since")] string? since = null, [FromQuery(Name = "until")] string? until = null,
        [FromQuery(Name = "resource")] string? resource = null, [FromQuery(Name = "limit")] string? limit = null)
    {
        var take = QueryLimit.Parse(limit, 100);
        var entries = await audit.QueryAsync(Time(since, "since"), Time(until, "until"), new AuditFilter(tenant.Name, resource), take);
        return TypedResults.Ok(new AuditAnswer(entries));
    }

    private static DateTimeOffset? Time(string? text, string name) =>
        text is null ? null
        : Timestamps.TryParse(text, out var time) ? time
        : throw ProblemException.BadRequest($"{name} must be an RFC 3339 time such as 2026-01-31T12:00:00Z, not '{text}'");
}
