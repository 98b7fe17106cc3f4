using System.Text.Json.Nodes;
using Bos.Simulator.Cluster;
using Bos.Simulator.Http;
using Bos.Simulator.Options;

namespace Bos.Simulator.Services.Cfs;

/// <summary>
/// CFS v3 components (EXT-40) at /cfs/v3: GET pages with limit/after and filters (ids, status, enabled,
/// config_name); "next" holds the query parameters of the next page, or null. PATCH by filters (or one by id).
/// </summary>
public sealed class CfsModule(SimulatorOptions options) : ISimulatorModule
{
    public string Service => "cfs";

    public string Prefix => "/cfs/v3";

    public void Map(IEndpointRouteBuilder app)
    {
        var cfs = app.MapGroup(Prefix);
        cfs.MapGet("/components", (HttpRequest request, CfsComponentStore store, VirtualCluster cluster) =>
        {
            var query = request.Query;
            if (ParseFilter(query["ids"], query["status"], query["enabled"], query["config_name"], out var filter) is { } bad)
                return bad;
            var limit = options.Cfs.DefaultPageSize;
            if (query.ContainsKey("limit") && (!int.TryParse(query["limit"], out limit) || limit < 1))
                return Problem.Result(400, "limit must be a positive integer");
            var after = query["after"].ToString() is { Length: > 0 } a ? a : null;

            lock (cluster.Gate)
            {
                var matches = store.Query(filter, after);
                var page = matches.Take(limit).ToList();
                Dictionary<string, object>? next = null;
                if (matches.Count > limit)
                {
                    // The next page's query: the same filters, the same limit, after this page's last id.
                    next = query.Where(p => p.Key is not ("limit" or "after")).ToDictionary(p => p.Key, p => (object)p.Value.ToString());
                    next["limit"] = limit;
                    next["after"] = page[^1].Id;
                }
                // Views are built under the lock: serialisation happens after it is released.
                return Results.Json(new { components = page.Select(View).ToList(), next }, SimJson.Snake);
            }
        });
        cfs.MapGet("/components/{id}", (string id, CfsComponentStore store, VirtualCluster cluster) =>
        {
            lock (cluster.Gate)
                return store.Get(id) is { } component ? Results.Json(View(component), SimJson.Snake) : NotFound(id);
        });
        cfs.MapPatch("/components", async (HttpRequest request, CfsComponentStore store) =>
        {
            var (body, error) = await SimJson.ReadObjectAsync(request);
            if (body is null) return error!;
            if (body["patch"] is not JsonObject patch || body["filters"] is not JsonObject filters)
                return Problem.Result(400, "The request body needs a 'patch' object and a 'filters' object");
            string? Text(string name) => filters[name]?.ToString();
            if (ParseFilter(Text("ids"), Text("status"), Text("enabled"), Text("config_name"), out var filter) is { } bad)
                return bad;
            var targets = store.Query(filter);
            if (store.Patch(targets, patch) is { } invalid) return Problem.Result(400, invalid);
            return Results.Json(new { component_ids = targets.Select(c => c.Id) }, SimJson.Snake);
        });
        cfs.MapPatch("/components/{id}", async (string id, HttpRequest request, CfsComponentStore store, VirtualCluster cluster) =>
        {
            var (body, error) = await SimJson.ReadObjectAsync(request);
            if (body is null) return error!;
            if (store.Get(id) is not { } component) return NotFound(id);
            if (store.Patch([component], body) is { } invalid) return Problem.Result(400, invalid);
            lock (cluster.Gate) return Results.Json(View(component), SimJson.Snake);
        });
    }

    private static IResult? ParseFilter(string? ids, string? status, string? enabled, string? configName, out CfsFilter filter)
    {
        filter = new CfsFilter(null, null, null, null);
        bool? enabledValue = null;
        if (!string.IsNullOrEmpty(enabled))
        {
            if (!bool.TryParse(enabled, out var parsed)) return Problem.Result(400, $"enabled must be a boolean, not '{enabled}'");
            enabledValue = parsed;
        }
        if (!string.IsNullOrEmpty(status) && status is not ("unconfigured" or "pending" or "failed" or "configured"))
            return Problem.Result(400, $"status must be one of unconfigured, pending, failed, configured, not '{status}'");
        var idSet = string.IsNullOrEmpty(ids)
            ? null
            : ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        filter = new CfsFilter(idSet, string.IsNullOrEmpty(status) ? null : status, enabledValue,
            string.IsNullOrEmpty(configName) ? null : configName);
        return null;
    }

    private static IResult NotFound(string id) => Problem.Result(404, $"Component {id} could not be found");

    private static object View(CfsComponent c) => new
    {
        id = c.Id,
        desired_config = c.DesiredConfig,
        configuration_status = c.ConfigurationStatus,
        enabled = c.Enabled,
        error_count = c.ErrorCount,
        retry_policy = c.RetryPolicy,
        state = c.State.Select(l => new
        {
            clone_url = l.CloneUrl,
            playbook = l.Playbook,
            commit = l.Commit,
            status = l.Status,
            session_name = l.SessionName,
            last_updated = l.LastUpdated.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        }).ToList(),
        tags = new Dictionary<string, string>(c.Tags),
        logs = "",
    };
}
