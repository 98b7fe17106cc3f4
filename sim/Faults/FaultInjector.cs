using Bos.Simulator.Cluster;
using Bos.Simulator.Options;
using Microsoft.Extensions.Options;

namespace Bos.Simulator.Faults;

public enum NodeFault
{
    PowerOnFails,
    BootHangs,
    GracefulOffIgnored,
    CfsFails,
}

/// <summary>What the fault middleware does to one request: hold it, fail it, both, or neither.</summary>
public readonly record struct ServiceFaultDecision(TimeSpan? Hang, int? ErrorStatus)
{
    public bool None => Hang is null && ErrorStatus is null;
}

/// <summary>
/// The failure knobs in force: starts from the options, changed at runtime through /sim/faults. Node lists are
/// kept as sets so a fault over thousands of nodes stays a lookup.
/// </summary>
public sealed class FaultInjector
{
    private readonly SimRandom _random;
    private readonly Lock _sync = new();
    private readonly Dictionary<NodeFault, NodeFaultState> _nodes = [];
    private readonly Dictionary<string, ServiceFaultOptions> _services = new(StringComparer.OrdinalIgnoreCase);

    public FaultInjector(IOptions<SimulatorOptions> options, SimRandom random)
    {
        _random = random;
        Apply(FaultPatch.From(options.Value.Faults));
    }

    public static IReadOnlyList<string> ServiceNames { get; } = ["hsm", "pcs", "bss", "cfs", "ims", "s3", "tapms"];

    public bool Strikes(NodeFault fault, string xname)
    {
        NodeFaultState? state;
        lock (_sync) state = _nodes.GetValueOrDefault(fault);
        return state is not null && (state.Nodes.Contains(xname) || _random.Chance(state.Rate));
    }

    public ServiceFaultDecision Decide(string service, string? path = null)
    {
        lock (_sync)
        {
            if (!_services.TryGetValue(service, out var fault)) return default;
            if (!string.IsNullOrEmpty(fault.PathContains) && path?.Contains(fault.PathContains, StringComparison.OrdinalIgnoreCase) != true) return default;
            TimeSpan? hang = null;
            if (fault.HangNext > 0) { fault.HangNext--; hang = TimeSpan.FromSeconds(fault.HangSeconds); }
            else if (_random.Chance(fault.HangRate)) hang = TimeSpan.FromSeconds(fault.HangSeconds);
            int? error = null;
            if (fault.FailNext > 0) { fault.FailNext--; error = fault.ErrorStatus; }
            else if (_random.Chance(fault.ErrorRate)) error = fault.ErrorStatus;
            return new ServiceFaultDecision(hang, error);
        }
    }

    /// <summary>Replaces each fault the patch names; leaves the others alone.</summary>
    public void Apply(FaultPatch patch)
    {
        foreach (var name in patch.Services?.Keys ?? Enumerable.Empty<string>())
            if (!ServiceNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"unknown service '{name}' (known: {string.Join(", ", ServiceNames)})");
        lock (_sync)
        {
            Set(NodeFault.PowerOnFails, patch.PowerOnFails);
            Set(NodeFault.BootHangs, patch.BootHangs);
            Set(NodeFault.GracefulOffIgnored, patch.GracefulOffIgnored);
            Set(NodeFault.CfsFails, patch.CfsFails);
            foreach (var (name, fault) in patch.Services ?? [])
                _services[name] = Copy(fault);
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _nodes.Clear();
            _services.Clear();
        }
    }

    public FaultPatch Snapshot()
    {
        lock (_sync)
        {
            return new FaultPatch
            {
                PowerOnFails = View(NodeFault.PowerOnFails),
                BootHangs = View(NodeFault.BootHangs),
                GracefulOffIgnored = View(NodeFault.GracefulOffIgnored),
                CfsFails = View(NodeFault.CfsFails),
                Services = _services.ToDictionary(p => p.Key.ToLowerInvariant(), p => Copy(p.Value)),
            };
        }
    }

    private void Set(NodeFault fault, NodeFaultOptions? options)
    {
        if (options is null) return;
        if (options.Rate is < 0 or > 1) throw new ArgumentException($"{fault} rate must be between 0 and 1");
        _nodes[fault] = new NodeFaultState(options.Rate, options.Nodes.ToHashSet(StringComparer.Ordinal));
    }

    private NodeFaultOptions View(NodeFault fault) =>
        _nodes.TryGetValue(fault, out var s) ? new NodeFaultOptions { Rate = s.Rate, Nodes = s.Nodes.Order().ToList() } : new NodeFaultOptions();

    private static ServiceFaultOptions Copy(ServiceFaultOptions f) => new()
    {
        ErrorRate = f.ErrorRate, FailNext = f.FailNext, ErrorStatus = f.ErrorStatus,
        HangRate = f.HangRate, HangNext = f.HangNext, HangSeconds = f.HangSeconds, PathContains = f.PathContains,
    };

    private sealed record NodeFaultState(double Rate, HashSet<string> Nodes);
}

/// <summary>Body of PATCH /sim/faults (and of GET): each fault present replaces the one in force.</summary>
public sealed class FaultPatch
{
    public NodeFaultOptions? PowerOnFails { get; set; }

    public NodeFaultOptions? BootHangs { get; set; }

    public NodeFaultOptions? GracefulOffIgnored { get; set; }

    public NodeFaultOptions? CfsFails { get; set; }

    public Dictionary<string, ServiceFaultOptions>? Services { get; set; }

    public static FaultPatch From(FaultOptions o) => new()
    {
        PowerOnFails = o.PowerOnFails,
        BootHangs = o.BootHangs,
        GracefulOffIgnored = o.GracefulOffIgnored,
        CfsFails = o.CfsFails,
        Services = o.Services,
    };
}
