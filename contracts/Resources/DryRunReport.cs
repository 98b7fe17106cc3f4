namespace Bos.Contracts.Resources;

// Bos extension (issue #17): what a session, or an applystaged call, would do, computed without writing anything.

/// <summary>The answer of POST /v2/sessions/dryrun and POST /v2/applystaged/dryrun.</summary>
public sealed record DryRunReport
{
    /// <summary>False when the request would be refused or its setup would fail (the reasons are in <see cref="Errors"/>).</summary>
    public bool WouldSucceed { get; init; }

    /// <summary>The session's operation (a session dry run), else null.</summary>
    public string? Operation { get; init; }

    public bool? Stage { get; init; }

    /// <summary>What would refuse the request or fail its setup, in the wording the session's error would have.</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>What would be logged but not refused.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>How many nodes get each action (<see cref="NodeActions"/>).</summary>
    public required IReadOnlyDictionary<string, int> Actions { get; init; }

    /// <summary>The selected nodes in id order.</summary>
    public required IReadOnlyList<DryRunNode> Nodes { get; init; }
}

/// <summary>One node of a dry run: where it is, where it would go and what would be done to it.</summary>
public sealed record DryRunNode
{
    public required string Id { get; init; }

    /// <summary>The boot set whose state the node would get (session dry run).</summary>
    public string? BootSet { get; init; }

    /// <summary>One of <see cref="NodeActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>Why the node gets no action or the request fails for it (not a BOS component, an applystaged failure).</summary>
    public string? Reason { get; init; }

    /// <summary>Null when the node is not a BOS component.</summary>
    public DryRunNodeState? Current { get; init; }

    public DryRunTarget? Target { get; init; }
}

/// <summary>A node's state now: its power state as PCS reports it and its BOS component record.</summary>
public sealed record DryRunNodeState
{
    /// <summary>"on", "off", PCS's error text, or null when PCS gave no answer.</summary>
    public string? Power { get; init; }

    public BootArtifacts? BootArtifacts { get; init; }
    public string? Configuration { get; init; }
    public string? Session { get; init; }
    public string? Phase { get; init; }
    public string? Status { get; init; }
    public bool? Enabled { get; init; }
}

/// <summary>The state the node would be given (desired state, or staged state for a staged session).</summary>
public sealed record DryRunTarget
{
    public BootArtifacts? BootArtifacts { get; init; }
    public string? Configuration { get; init; }

    /// <summary>True when the target is only staged (applied later by applystaged).</summary>
    public bool Staged { get; init; }
}

/// <summary>The actions a dry run reports per node.</summary>
public static class NodeActions
{
    public const string PowerOn = "power_on";
    public const string Reboot = "reboot";
    public const string PowerOff = "power_off";
    public const string None = "none";

    /// <summary>A staged session: the target is stored, nothing happens until applystaged.</summary>
    public const string Stage = "stage";

    /// <summary>The node is not a BOS component, or applystaged would ignore or fail it.</summary>
    public const string Skip = "skip";

    /// <summary>PCS gave no usable power state, so the action cannot be told.</summary>
    public const string Unknown = "unknown";
}
