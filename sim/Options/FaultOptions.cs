namespace Bos.Simulator.Options;

/// <summary>
/// Failure injection. Node faults apply to explicit nodes always and to any node at a rate (drawn per event);
/// service faults make a whole service answer 5xx or hang. All of it can be changed at runtime (PATCH /sim/faults).
/// </summary>
public sealed class FaultOptions
{
    /// <summary>PCS On is accepted but the node never powers on (the PCS task fails).</summary>
    public NodeFaultOptions PowerOnFails { get; set; } = new();

    /// <summary>The node powers on but its OS never comes up, so it never reports.</summary>
    public NodeFaultOptions BootHangs { get; set; } = new();

    /// <summary>The node ignores PCS Soft-Off (only Force-Off turns it off).</summary>
    public NodeFaultOptions GracefulOffIgnored { get; set; } = new();

    /// <summary>CFS configuration of the node ends "failed" instead of "configured".</summary>
    public NodeFaultOptions CfsFails { get; set; } = new();

    /// <summary>Per service ("hsm", "pcs", "bss", "cfs", "ims", "s3", "tapms"): errors and hangs.</summary>
    public Dictionary<string, ServiceFaultOptions> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class NodeFaultOptions
{
    /// <summary>Probability (0-1) that the fault strikes any node, drawn per event.</summary>
    public double Rate { get; set; }

    public List<string> Nodes { get; set; } = [];
}

public sealed class ServiceFaultOptions
{
    /// <summary>Probability (0-1) that a request is answered with <see cref="ErrorStatus"/>.</summary>
    public double ErrorRate { get; set; }

    /// <summary>The next N requests are answered with <see cref="ErrorStatus"/> (then the count is used up).</summary>
    public int FailNext { get; set; }

    public int ErrorStatus { get; set; } = 503;

    /// <summary>Probability (0-1) that a request is held for <see cref="HangSeconds"/> before being answered.</summary>
    public double HangRate { get; set; }

    /// <summary>The next N requests are held for <see cref="HangSeconds"/>.</summary>
    public int HangNext { get; set; }

    /// <summary>How long a hung request is held (real seconds, not scaled).</summary>
    public double HangSeconds { get; set; } = 60;

    /// <summary>
    /// When set, only requests whose path contains this text (ordinal, ignoring case) are affected, e.g.
    /// "/transitions" for PCS power actions but not power-status reads; the others are neither counted nor drawn.
    /// </summary>
    public string? PathContains { get; set; }
}
