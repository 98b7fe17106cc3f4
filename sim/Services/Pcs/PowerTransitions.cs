using Bos.Simulator.Cluster;

namespace Bos.Simulator.Services.Pcs;

/// <summary>One node's task in a transition; its status is derived from the node when asked for.</summary>
public sealed record TransitionTask(string Xname, VirtualNode? Node, PowerTaskStart Start);

public sealed record PowerTransition(
    string Id,
    TransitionOperation Operation,
    DateTimeOffset Created,
    DateTimeOffset? Deadline,
    IReadOnlyList<TransitionTask> Tasks);

/// <summary>
/// PCS transitions, kept (newest <see cref="Capacity"/>) so GET /transitions/{id} can report task progress. BOS never
/// polls them (it watches /power-status), but operators and tests do.
/// </summary>
public sealed class PowerTransitions(VirtualCluster cluster)
{
    private const int Capacity = 1000;
    private readonly LinkedList<PowerTransition> _order = new();
    private readonly Dictionary<string, PowerTransition> _byId = new(StringComparer.OrdinalIgnoreCase);

    public void Add(PowerTransition transition)
    {
        lock (cluster.Gate)
        {
            _order.AddLast(transition);
            _byId[transition.Id] = transition;
            if (_order.Count <= Capacity) return;
            _byId.Remove(_order.First!.Value.Id);
            _order.RemoveFirst();
        }
    }

    public PowerTransition? Get(string id)
    {
        lock (cluster.Gate) return _byId.GetValueOrDefault(id);
    }

    public IReadOnlyList<PowerTransition> All()
    {
        lock (cluster.Gate) return _order.ToList();
    }

    /// <summary>PCS task status: succeeded once the node is in the target state, failed at once or past the deadline.</summary>
    public static (string Status, string Description) TaskStatus(PowerTransition transition, TransitionTask task, DateTimeOffset now)
    {
        if (task.Node is null) return ("failed", "Missing xname: not found in HSM");
        if (task.Start == PowerTaskStart.Failed) return ("failed", "the device did not power on");
        var reached = transition.Operation == TransitionOperation.On ? task.Node.IsPoweredOn : task.Node.Phase == NodePhase.Off;
        if (reached) return ("succeeded", "Transition confirmed, " + (transition.Operation == TransitionOperation.On ? "on" : "off"));
        if (transition.Deadline is { } deadline && now > deadline) return ("failed", "the device did not respond in a timely manner");
        return ("in-progress", "Waiting for the device to reach the target state");
    }
}
