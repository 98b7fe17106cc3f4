using Bos.Api.Http;
using Bos.Api.OpenApi;
using Bos.Api.Sessions;
using Bos.Api.Spec;
using Bos.Contracts.Resources;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bos.Api.DryRun;

/// <summary>
/// Bos extensions (issue #17, not in upstream's API): previews of POST /v2/sessions and POST /v2/applystaged that
/// take the same bodies, validated by the same spec operations, and change nothing.
/// </summary>
public sealed class DryRunModule : ICarterModule
{
    public const string ExtensionTag = "bos-extensions";

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/sessions/dryrun", SessionDryRunAsync).WithSpecOf("post_v2_session_dryrun", "post_v2_session")
            .WithTags("sessions", ExtensionTag).DocumentsBody<SessionCreateRequest>()
            .WithSummary("Bos extension: what POST /v2/sessions with this body would do, without doing it")
            .WithDescription("The nodes selected (after groups, roles, limit, locks, tenant, arch and disabled filters), each node's "
                             + "current and target state and the power action it would get, and every warning and error. Writes nothing.");
        app.MapPost("/v2/applystaged/dryrun", StagedDryRunAsync).WithSpecOf("post_v2_apply_staged_dryrun", "post_v2_apply_staged")
            .WithTags("applystaged", ExtensionTag).DocumentsBody<StagedDryRunRequest>()
            .WithSummary("Bos extension: what POST /v2/applystaged with these xnames would do, without doing it");
    }

    public static async Task<Ok<DryRunReport>> SessionDryRunAsync(
        ValidatedBody body, RequestTenant tenant, SessionDryRunService service, CancellationToken ct) =>
        TypedResults.Ok(await service.RunAsync(tenant.Name, body.Node, ct));

    public static async Task<Ok<DryRunReport>> StagedDryRunAsync(
        ValidatedBody body, RequestTenant tenant, StagedDryRunService service, CancellationToken ct) =>
        TypedResults.Ok(await service.RunAsync(tenant.Name, body.As<StagedDryRunRequest>().Xnames ?? [], ct));
}

/// <summary>The body of POST /v2/applystaged and its dry run.</summary>
public sealed record StagedDryRunRequest(IReadOnlyList<string>? Xnames);
