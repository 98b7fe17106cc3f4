using Bos.Api.DryRun;
using Bos.Api.Http;
using Bos.Api.Sessions;
using Bos.Core.Tenancy;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bos.Api.Dashboard;

/// <summary>
/// Bos extension (issue #17): the web dashboard at /ui/ (static files, docs/dashboard.md) and its two live feeds,
/// Server-Sent Events pushed by one server-side loop per watched key (<see cref="FeedHub"/>). The feeds are ordinary
/// API endpoints: bearer token and <c>Cray-Tenant-Name</c> as for GET /v2/sessions; the files are anonymous (no data).
/// </summary>
public sealed class DashboardModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        // One route for /ui and /ui/ (routing ignores the trailing slash): /ui is sent to /ui/, where the page's
        // relative links resolve.
        app.MapGet("/ui", (HttpRequest request) => request.Path.Value!.EndsWith('/') ? Asset("index.html") : Results.Redirect("ui/"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/ui/{file}", ([FromRoute] string file) => Asset(file)).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/ui/api/sessions/events", SessionListEventsAsync).WithTags("sessions", DryRunModule.ExtensionTag)
            .WithName("get_ui_session_list_events")
            .WithSummary("Bos extension: the session list of the tenant as Server-Sent Events (the dashboard's feed)")
            .WithDescription("Event `sessions`: {\"upsert\": [{\"key\", \"session\", \"extended_status\" (with `eta`)}], \"remove\": [key]}; "
                             + "the first event holds every session. One server-side loop per tenant reads Redis every Dashboard:FeedInterval "
                             + "and pushes what changed to every subscriber; it stops when the last one disconnects. A stream with nothing to send for "
                             + "Dashboard:KeepAliveInterval gets a `keepalive` event (no data).")
            .Produces(200, contentType: "text/event-stream");
        app.MapGet("/ui/api/sessions/{session_id}/events", SessionEventsAsync).WithTags("sessions", DryRunModule.ExtensionTag)
            .WithName("get_ui_session_events")
            .WithSummary("Bos extension: a session's status and every node's state as Server-Sent Events (the dashboard's feed)")
            .WithDescription("Events: `status` (the extended status with `eta`), `nodes` ({\"legend\", \"ids\", \"codes\"}: every node and "
                             + "its state as one digit indexing the legend), `changes` ({\"changes\": {id: digit}}), `gone` (the session was "
                             + "deleted; the stream ends). The first events are `status` and `nodes`. One server-side loop per session and "
                             + "tenant, shared by every subscriber, stopped when the last one disconnects. A stream with nothing to send for "
                             + "Dashboard:KeepAliveInterval gets a `keepalive` event (no data).")
            .Produces(200, contentType: "text/event-stream")
            .ProducesProblem(404);
    }

    private static IResult Asset(string file) =>
        DashboardAssets.Find(file) is { } asset
            ? Results.Bytes(asset.Bytes, asset.ContentType)
            : throw new ProblemException(404, "Not Found", $"The dashboard has no file '{file}'");

    public static async Task<ServerSentEventsResult<string>> SessionListEventsAsync(
        RequestTenant tenant, FeedHub hub, SessionService sessions, ITenantDirectory tenants, CancellationToken ct)
    {
        if (tenant.Name is not null) await Tenant.OwnedComponents(tenants, tenant.Name, ct);
        return TypedResults.ServerSentEvents(
            hub.SubscribeAsync("list:" + tenant.Name, () => new SessionListFeedSource(sessions, tenant.Name), ct));
    }

    public static async Task<ServerSentEventsResult<string>> SessionEventsAsync(
        [FromRoute(Name = "session_id")] string name, RequestTenant tenant, FeedHub hub, SessionService sessions, CancellationToken ct)
    {
        await sessions.GetAsync(tenant.Name, name); // 404 problem+json before the stream starts
        return TypedResults.ServerSentEvents(
            hub.SubscribeAsync($"session:{tenant.Name}/{name}", () => new SessionFeedSource(sessions, tenant.Name, name), ct));
    }
}
