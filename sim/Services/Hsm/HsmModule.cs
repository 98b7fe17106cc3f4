using System.Text.Json.Serialization;
using Bos.Simulator.Cluster;
using Bos.Simulator.Http;

namespace Bos.Simulator.Services.Hsm;

/// <summary>
/// HSM (EXT-10) at /hsm/v2: component state (GET and POST query with ComponentIDs and string-list filters such as
/// "enabled":["True"]), groups, partitions and lock status.
/// </summary>
public sealed class HsmModule : ISimulatorModule
{
    public string Service => "hsm";

    public string Prefix => "/hsm/v2";

    public void Map(IEndpointRouteBuilder app)
    {
        var hsm = app.MapGroup(Prefix);
        hsm.MapGet("/State/Components", (HttpRequest request, VirtualCluster cluster) =>
        {
            var filter = HsmFilter.FromQuery(request.Query);
            return Components(cluster, cluster.Nodes, filter);
        });
        hsm.MapPost("/State/Components/Query", async (HttpRequest request, VirtualCluster cluster) =>
        {
            var (body, error) = await SimJson.ReadAsync<HsmQuery>(request, SimJson.Pascal);
            if (body is null) return error!;
            // IDs HSM does not know are left out of the answer, not an error.
            var nodes = body.ComponentIDs is { Count: > 0 } ids
                ? ids.Distinct().Select(cluster.Find).OfType<VirtualNode>().ToList()
                : cluster.Nodes;
            return Components(cluster, nodes, HsmFilter.FromBody(body));
        });
        hsm.MapGet("/State/Components/{xname}", (string xname, VirtualCluster cluster) =>
        {
            lock (cluster.Gate)
            {
                return cluster.Find(xname) is { } node
                    ? Results.Json(View(node), SimJson.Pascal)
                    : Problem.Result(404, "no such xname.");
            }
        });
        hsm.MapGet("/groups", (VirtualCluster cluster) => Results.Json(cluster.Groups.Select(GroupView), SimJson.Pascal));
        hsm.MapGet("/groups/{label}", (string label, VirtualCluster cluster) =>
            cluster.Groups.FirstOrDefault(g => g.Name == label) is { } group
                ? Results.Json(GroupView(group), SimJson.Pascal)
                : Problem.Result(404, "No such group: " + label));
        hsm.MapGet("/partitions", (VirtualCluster cluster) => Results.Json(cluster.Partitions.Select(PartitionView), SimJson.Pascal));
        hsm.MapGet("/partitions/{name}", (string name, VirtualCluster cluster) =>
            cluster.Partitions.FirstOrDefault(p => p.Name == name) is { } partition
                ? Results.Json(PartitionView(partition), SimJson.Pascal)
                : Problem.Result(404, "No such partition: " + name));
        hsm.MapGet("/locks/status", (HttpRequest request, VirtualCluster cluster) =>
        {
            var type = request.Query["type"].ToString();
            var locked = HsmFilter.ParseBool(request.Query["locked"].ToString());
            lock (cluster.Gate)
            {
                var nodes = cluster.Nodes
                    .Where(_ => type.Length == 0 || type.Equals("Node", StringComparison.OrdinalIgnoreCase))
                    .Where(n => locked is null || n.Locked == locked)
                    .Select(n => new LockStatus(n.Xname, n.Locked, false, false))
                    .ToList();
                return Results.Json(new { Components = nodes }, SimJson.Pascal);
            }
        });
    }

    private static IResult Components(VirtualCluster cluster, IReadOnlyList<VirtualNode> nodes, HsmFilter filter)
    {
        lock (cluster.Gate)
        {
            var views = nodes.Select(View).Where(filter.Matches).ToList();
            return Results.Json(new { Components = views }, SimJson.Pascal);
        }
    }

    /// <summary>HSM's State for a node: Off until powered, On while booting, Ready once its OS is up.</summary>
    private static HsmComponent View(VirtualNode node) => new(
        node.Xname,
        "Node",
        node.Phase switch
        {
            NodePhase.Up => "Ready",
            _ when node.IsPoweredOn => "On",
            _ => "Off",
        },
        "OK",
        node.Enabled,
        node.Role,
        node.SubRole,
        node.Ordinal,
        "Sling",
        node.Arch,
        "River");

    private static object GroupView(NamedNodeSet g) =>
        new { label = g.Name, description = g.Description, tags = Array.Empty<string>(), members = new { ids = g.Members } };

    private static object PartitionView(NamedNodeSet p) =>
        new { name = p.Name, description = p.Description, tags = Array.Empty<string>(), members = new { ids = p.Members } };
}

public sealed record HsmComponent(
    [property: JsonPropertyName("ID")] string Id,
    string Type,
    string State,
    string Flag,
    bool Enabled,
    string Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SubRole,
    [property: JsonPropertyName("NID")] int Nid,
    string NetType,
    string Arch,
    string Class);

public sealed record LockStatus(
    [property: JsonPropertyName("ID")] string Id,
    bool Locked,
    bool Reserved,
    bool ReservationDisabled);
