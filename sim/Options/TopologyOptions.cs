namespace Bos.Simulator.Options;

/// <summary>
/// The nodes and how HSM groups them. Node sets name nodes by xname or by ordinal range ("1-8,12": the first
/// eight nodes and the twelfth), so the same settings scale from 16 to 10,000 nodes.
/// </summary>
public sealed class TopologyOptions
{
    public int NodeCount { get; set; } = 16;

    /// <summary>xname of node N; {N} is replaced by FirstIndex + ordinal - 1.</summary>
    public string XnamePattern { get; set; } = "x3000c0s{N}b0n0";

    public int FirstIndex { get; set; } = 1;

    public string DefaultRole { get; set; } = "Compute";

    /// <summary>HSM groups; null means the demo's two groups, "blue" and "green".</summary>
    public List<GroupOptions>? Groups { get; set; }

    /// <summary>HSM partitions; null means one partition "p1" of every node.</summary>
    public List<GroupOptions>? Partitions { get; set; }

    /// <summary>Role/SubRole assignments over the default role; null means the demo's two UANs at the end.</summary>
    public List<RoleOptions>? Roles { get; set; }

    /// <summary>Nodes whose HSM Arch is "ARM" (the rest are "X86"); null means the demo's ordinals 13-14.</summary>
    public NodeSetOptions? ArmNodes { get; set; }

    /// <summary>Nodes disabled in HSM (Enabled=false).</summary>
    public NodeSetOptions DisabledNodes { get; set; } = new();

    /// <summary>Nodes locked in HSM (reported by /locks/status).</summary>
    public NodeSetOptions LockedNodes { get; set; } = new();
}

/// <summary>Nodes by xname and/or by 1-based ordinal ranges.</summary>
public sealed class NodeSetOptions
{
    public List<string> Nodes { get; set; } = [];

    /// <summary>Comma-separated ordinals or ranges, e.g. "1-8,12".</summary>
    public string? Range { get; set; }
}

public sealed class GroupOptions
{
    public string Label { get; set; } = "";

    public string Description { get; set; } = "";

    public List<string> Nodes { get; set; } = [];

    public string? Range { get; set; }

    public NodeSetOptions Members => new() { Nodes = Nodes, Range = Range };
}

public sealed class RoleOptions
{
    public string Role { get; set; } = "Compute";

    public string? SubRole { get; set; }

    public List<string> Nodes { get; set; } = [];

    public string? Range { get; set; }

    public NodeSetOptions Members => new() { Nodes = Nodes, Range = Range };
}

public sealed class TenantOptions
{
    public string Name { get; set; } = "";

    public List<string> Nodes { get; set; } = [];

    public string? Range { get; set; }

    public NodeSetOptions Members => new() { Nodes = Nodes, Range = Range };
}

public sealed class ImageOptions
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>IMS arch: "x86_64" or "aarch64".</summary>
    public string Arch { get; set; } = "x86_64";

    /// <summary>Text of the image's boot_parameters object; null means none is published.</summary>
    public string? BootParameters { get; set; } = "console=ttyS0,115200 ip=dhcp quiet";

    public static IReadOnlyList<ImageOptions> Demo { get; } =
    [
        new() { Id = "a5b1f8d2-6c3e-4f10-9d2a-000000000001", Name = "compute-sles15sp6-x86_64", Arch = "x86_64" },
        new() { Id = "a5b1f8d2-6c3e-4f10-9d2a-000000000002", Name = "compute-sles15sp6-aarch64", Arch = "aarch64" },
        new() { Id = "a5b1f8d2-6c3e-4f10-9d2a-000000000003", Name = "uan-sles15sp6-x86_64", Arch = "x86_64", BootParameters = null },
    ];
}
