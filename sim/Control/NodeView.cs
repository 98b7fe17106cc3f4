using Bos.Simulator.Cluster;
using Bos.Simulator.Services.Cfs;

namespace Bos.Simulator.Control;

/// <summary>What /sim/nodes shows of a node: power, what it booted, its reporter, its CFS component, its history.</summary>
public sealed record NodeView(
    string Xname,
    int Nid,
    string Role,
    string? SubRole,
    string Arch,
    bool Enabled,
    bool Locked,
    string Power,
    string Phase,
    DateTimeOffset PhaseSince,
    NodeView.BootedView? Booted,
    NodeView.ReporterView Reporter,
    NodeView.CfsView? Cfs,
    IReadOnlyList<NodeEvent> History)
{
    public static NodeView Of(VirtualNode node, CfsComponent? cfs) => new(
        node.Xname,
        node.Ordinal,
        node.Role,
        node.SubRole,
        node.Arch,
        node.Enabled,
        node.Locked,
        node.IsPoweredOn ? "on" : "off",
        node.Phase.ToString().ToLowerInvariant(),
        node.PhaseSince,
        node.Booted is { } b ? new BootedView(b.Token, b.Kernel, b.Initrd, b.Params, b.At) : null,
        new ReporterView(node.Reporter.Successes, node.Reporter.Failures, node.Reporter.LastAttemptAt, node.Reporter.LastStatus, node.Reporter.LastError),
        cfs is null ? null : new CfsView(cfs.DesiredConfig, cfs.ConfigurationStatus, cfs.Enabled),
        node.History.ToList());

    public sealed record BootedView(string? Token, string? Kernel, string? Initrd, string? Params, DateTimeOffset At);

    public sealed record ReporterView(int Successes, int Failures, DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError);

    public sealed record CfsView(string DesiredConfig, string ConfigurationStatus, bool Enabled);
}
