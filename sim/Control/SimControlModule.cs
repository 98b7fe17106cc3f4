using Bos.Simulator.Cluster;
using Bos.Simulator.Faults;
using Bos.Simulator.Http;
using Bos.Simulator.Services.Cfs;

namespace Bos.Simulator.Control;

/// <summary>
/// The simulator's own API at /sim: every node's state and history, a summary, the request counters, and the
/// failure knobs (GET/PATCH/DELETE /sim/faults).
/// </summary>
public sealed class SimControlModule : ISimulatorModule
{
    public string Service => "sim";

    public string Prefix => "/sim";

    public void Map(IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup(Prefix);
        sim.MapGet("/healthz", () => Results.Json(new { status = "ok" }, SimJson.Camel));
        sim.MapGet("/nodes", (HttpRequest request, VirtualCluster cluster, CfsComponentStore cfs) =>
        {
            var phase = request.Query["phase"].ToString();
            var power = request.Query["power"].ToString();
            lock (cluster.Gate)
            {
                var nodes = cluster.Nodes
                    .Where(n => phase.Length == 0 || n.Phase.ToString().Equals(phase, StringComparison.OrdinalIgnoreCase))
                    .Where(n => power.Length == 0 || (n.IsPoweredOn ? "on" : "off") == power.ToLowerInvariant())
                    .Select(n => NodeView.Of(n, cfs.Get(n.Xname)))
                    .ToList();
                return Results.Json(new { nodes }, SimJson.Camel);
            }
        });
        sim.MapGet("/nodes/{xname}", (string xname, VirtualCluster cluster, CfsComponentStore cfs) =>
        {
            lock (cluster.Gate)
            {
                return cluster.Find(xname) is { } node
                    ? Results.Json(NodeView.Of(node, cfs.Get(xname)), SimJson.Camel)
                    : Problem.Result(404, $"no node {xname} in the virtual cluster");
            }
        });
        sim.MapGet("/summary", (VirtualCluster cluster, CfsComponentStore cfs, SimScheduler scheduler) =>
        {
            lock (cluster.Gate)
            {
                return Results.Json(new
                {
                    nodes = cluster.Nodes.Count,
                    power = new { on = cluster.Nodes.Count(n => n.IsPoweredOn), off = cluster.Nodes.Count(n => !n.IsPoweredOn) },
                    phases = cluster.Nodes.GroupBy(n => n.Phase.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count()),
                    cfs = cfs.Query(new CfsFilter(null, null, null, null)).GroupBy(c => c.ConfigurationStatus).ToDictionary(g => g.Key, g => g.Count()),
                    reports = new
                    {
                        succeeded = cluster.Nodes.Sum(n => n.Reporter.Successes),
                        failed = cluster.Nodes.Sum(n => n.Reporter.Failures),
                    },
                    pendingTimers = scheduler.Pending,
                }, SimJson.Camel);
            }
        });
        sim.MapGet("/requests", (RequestCounter counter) => Results.Json(counter.Snapshot(), SimJson.Camel));
        sim.MapDelete("/requests", (RequestCounter counter) =>
        {
            counter.Clear();
            return Results.NoContent();
        });
        sim.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Snapshot(), SimJson.Camel));
        sim.MapPatch("/faults", async (HttpRequest request, FaultInjector faults, ILogger<SimControlModule> logger) =>
        {
            var (patch, error) = await SimJson.ReadAsync<FaultPatch>(request, SimJson.Camel);
            if (patch is null) return error!;
            try { faults.Apply(patch); }
            catch (ArgumentException e) { return Problem.Result(400, e.Message); }
            logger.LogInformation("Faults changed at runtime");
            return Results.Json(faults.Snapshot(), SimJson.Camel);
        });
        sim.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.Json(faults.Snapshot(), SimJson.Camel);
        });
    }
}
