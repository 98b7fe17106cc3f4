using System.Text.RegularExpressions;
using Bos.Simulator.Cluster;
using Bos.Simulator.Http;
using Bos.Simulator.Options;

namespace Bos.Simulator.Services.Pcs;

/// <summary>
/// PCS (EXT-20) under a configurable prefix (default /power-control/v1): POST/GET /power-status, POST /transitions
/// (On, Soft-Off, Force-Off), GET /transitions[/{id}]. Like real PCS it rejects requests over ~2,500 xnames.
/// </summary>
public sealed partial class PcsModule(SimulatorOptions options) : ISimulatorModule
{
    public string Service => "pcs";

    public string Prefix { get; } = options.Pcs.BasePath.TrimEnd('/');

    private int MaxXnames => options.Pcs.MaxXnamesPerRequest;

    public void Map(IEndpointRouteBuilder app)
    {
        var pcs = app.MapGroup(Prefix);
        pcs.MapPost("/power-status", async (HttpRequest request, VirtualCluster cluster, SimClock clock) =>
        {
            var (body, error) = await SimJson.ReadAsync<PowerStatusRequest>(request, SimJson.Camel);
            return body is null ? error! : PowerStatus(cluster, clock, body.Xname ?? []);
        });
        pcs.MapGet("/power-status", (HttpRequest request, VirtualCluster cluster, SimClock clock) =>
            PowerStatus(cluster, clock, request.Query["xname"].OfType<string>().ToList()));
        pcs.MapPost("/transitions", async (HttpRequest request, VirtualCluster cluster, NodeLifecycle lifecycle,
            PowerTransitions transitions, SimRandom random, SimClock clock) =>
        {
            var (body, error) = await SimJson.ReadAsync<TransitionRequest>(request, SimJson.Camel);
            if (body is null) return error!;
            if (TransitionOperations.Parse(body.Operation) is not { } operation)
                return Problem.Result(400, $"invalid/unsupported operation: {body.Operation} (the simulator supports On, Soft-Off, Force-Off)");
            var xnames = (body.Location ?? []).Select(l => l.Xname ?? "").ToList();
            if (Validate(xnames) is { } invalid) return invalid;

            var now = clock.Now;
            var tasks = xnames.Distinct().Select(xname =>
            {
                var node = cluster.Find(xname);
                var start = node is null ? PowerTaskStart.Failed : operation switch
                {
                    TransitionOperation.On => lifecycle.PowerOn(node),
                    TransitionOperation.SoftOff => lifecycle.SoftOff(node),
                    _ => lifecycle.ForceOff(node),
                };
                return new TransitionTask(xname, node, start);
            }).ToList();
            // taskDeadlineMinutes: 5 when absent, 0 = do not wait, -1 = wait forever (time-scaled like the nodes).
            var minutes = body.TaskDeadlineMinutes ?? 5;
            DateTimeOffset? deadline = minutes < 0 ? null : now + clock.Scaled(minutes * 60.0);
            var transition = new PowerTransition(random.NextGuid().ToString(), operation, now, deadline, tasks);
            transitions.Add(transition);
            return Results.Json(new { transitionID = transition.Id, operation = TransitionOperations.Name(operation) }, SimJson.Camel, statusCode: 200);
        });
        pcs.MapGet("/transitions", (PowerTransitions transitions, VirtualCluster cluster, SimClock clock) =>
        {
            lock (cluster.Gate)
                return Results.Json(new { transitions = transitions.All().Select(t => View(t, clock.Now, withTasks: false)) }, SimJson.Camel);
        });
        pcs.MapGet("/transitions/{id}", (string id, PowerTransitions transitions, VirtualCluster cluster, SimClock clock) =>
        {
            lock (cluster.Gate)
            {
                return transitions.Get(id) is { } transition
                    ? Results.Json(View(transition, clock.Now, withTasks: true), SimJson.Camel)
                    : Problem.Result(404, "transitionID not found");
            }
        });
    }

    private IResult PowerStatus(VirtualCluster cluster, SimClock clock, List<string> xnames)
    {
        if (Validate(xnames) is { } invalid) return invalid;
        var updated = clock.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
        lock (cluster.Gate)
        {
            IEnumerable<string> wanted = xnames.Count > 0 ? xnames : cluster.Nodes.Select(n => n.Xname);
            var status = wanted.Select(xname => cluster.Find(xname) is { } node
                ? new
                {
                    xname,
                    powerState = node.IsPoweredOn ? "on" : "off",
                    managementState = "available",
                    error = (string?)null,
                    supportedPowerTransitions = SupportedTransitions,
                    lastUpdated = updated,
                }
                : new
                {
                    xname,
                    powerState = "",
                    managementState = "",
                    error = (string?)"Component not found in component map.",
                    supportedPowerTransitions = Array.Empty<string>(),
                    lastUpdated = updated,
                }).ToList();
            return Results.Json(new { status }, SimJson.Camel);
        }
    }

    /// <summary>400s real PCS gives: malformed xnames, and (in practice) requests too large for it.</summary>
    private IResult? Validate(List<string> xnames)
    {
        if (MaxXnames > 0 && xnames.Count > MaxXnames)
            return Problem.Result(400, $"too many xnames in one request: {xnames.Count} (this PCS handles at most {MaxXnames})");
        var bad = xnames.Where(x => !XnameShape().IsMatch(x)).ToList();
        return bad.Count > 0 ? Problem.Result(400, "invalid xnames detected: " + string.Join(' ', bad)) : null;
    }

    private object View(PowerTransition t, DateTimeOffset now, bool withTasks)
    {
        var tasks = t.Tasks.Select(task => (task.Xname, Status: PowerTransitions.TaskStatus(t, task, now))).ToList();
        int Count(string status) => tasks.Count(x => x.Status.Status == status);
        var inProgress = Count("in-progress");
        var counts = new Dictionary<string, int>
        {
            ["total"] = tasks.Count, ["new"] = 0, ["in-progress"] = inProgress,
            ["failed"] = Count("failed"), ["succeeded"] = Count("succeeded"), ["un-supported"] = 0,
        };
        var summary = new Dictionary<string, object?>
        {
            ["transitionID"] = t.Id,
            ["createTime"] = t.Created.ToString("yyyy-MM-ddTHH:mm:ss"),
            ["automaticExpirationTime"] = t.Created.AddDays(1).ToString("O"),
            ["transitionStatus"] = inProgress > 0 ? "in-progress" : "completed",
            ["operation"] = TransitionOperations.Name(t.Operation),
            ["taskCounts"] = counts,
        };
        if (withTasks)
            summary["tasks"] = tasks.Select(x => new
            {
                xname = x.Xname,
                taskStatus = x.Status.Status,
                taskStatusDescription = x.Status.Description,
                error = x.Status.Status == "failed" ? "failed to achieve transition" : "",
            }).ToList();
        return summary;
    }

    private static readonly string[] SupportedTransitions = ["on", "off", "soft-off", "force-off", "soft-restart", "hard-restart", "init"];

    // Hardware xnames: x<cabinet> followed by letter+number pairs (x3000c0s1b0n0), or the s0/d<n> specials.
    [GeneratedRegex(@"^(x[0-9]{1,4}([a-z][0-9]+)*|s0|d[0-9]+)$")]
    private static partial Regex XnameShape();

    private sealed class PowerStatusRequest
    {
        public List<string>? Xname { get; set; }
    }

    private sealed class TransitionRequest
    {
        public string? Operation { get; set; }

        public int? TaskDeadlineMinutes { get; set; }

        public List<TransitionLocation>? Location { get; set; }
    }

    private sealed class TransitionLocation
    {
        public string? Xname { get; set; }

        public string? DeputyKey { get; set; }
    }
}
