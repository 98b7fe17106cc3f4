namespace Bos.Simulator.Cluster;

/// <summary>Where a virtual node is in its power and boot cycle.</summary>
public enum NodePhase
{
    Off,
    /// <summary>PCS accepted On; the BMC has not powered the node yet (PCS still reports off).</summary>
    PoweringOn,
    /// <summary>Powered on, OS coming up from the boot parameters BSS had for it at power-on.</summary>
    Booting,
    /// <summary>OS up: its reporters run.</summary>
    Up,
    /// <summary>Powered on, but the boot never completes (injected fault).</summary>
    Hung,
    /// <summary>Powered on, shutting down after Soft-Off or Force-Off.</summary>
    ShuttingDown,
}

/// <summary>What a node booted: the BSS record that covered it when it powered on.</summary>
public sealed record BootRecord(string? Token, string? Kernel, string? Initrd, string? Params, DateTimeOffset At);

public sealed record NodeEvent(DateTimeOffset At, string Event, string? Detail);

/// <summary>Counters of the node's bos-reporter.</summary>
public sealed class ReporterState
{
    public int Successes { get; set; }

    public int Failures { get; set; }

    /// <summary>Failed attempts since the last success; drives the back-off.</summary>
    public int Attempt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>HTTP status of the last attempt, or null for a connection error.</summary>
    public int? LastStatus { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// One virtual node. Mutable state guarded by <see cref="VirtualCluster.Gate"/>; scheduled work captures
/// <see cref="Generation"/> and is dropped if it changed meanwhile (a power action supersedes pending timers).
/// </summary>
public sealed class VirtualNode(string xname, int ordinal, string role, string? subRole, string arch)
{
    private const int MaxHistory = 64;
    private readonly Queue<NodeEvent> _history = new();

    public string Xname { get; } = xname;

    /// <summary>1-based position in the topology; also the node's NID.</summary>
    public int Ordinal { get; } = ordinal;

    public string Role { get; } = role;

    public string? SubRole { get; } = subRole;

    /// <summary>HSM Arch: "X86" or "ARM".</summary>
    public string Arch { get; } = arch;

    public bool Enabled { get; set; } = true;

    public bool Locked { get; set; }

    public NodePhase Phase { get; private set; } = NodePhase.Off;

    public DateTimeOffset PhaseSince { get; private set; }

    public int Generation { get; private set; }

    public BootRecord? Booted { get; set; }

    public ReporterState Reporter { get; } = new();

    /// <summary>PCS's view: a node is "on" from the end of the power-on delay until it has powered off.</summary>
    public bool IsPoweredOn => Phase is NodePhase.Booting or NodePhase.Up or NodePhase.Hung or NodePhase.ShuttingDown;

    public IReadOnlyCollection<NodeEvent> History => _history;

    /// <summary>Moves to a new phase and invalidates every timer scheduled for the old one.</summary>
    public int EnterPhase(NodePhase phase, DateTimeOffset at)
    {
        Phase = phase;
        PhaseSince = at;
        return ++Generation;
    }

    public void Record(DateTimeOffset at, string evt, string? detail = null)
    {
        if (_history.Count == MaxHistory) _history.Dequeue();
        _history.Enqueue(new NodeEvent(at, evt, detail));
    }
}
