using System.Text.RegularExpressions;
using Bos.Contracts.Resources;
using Bos.Core.Options;

namespace Bos.Core.Templates;

/// <summary>The boot-set rules shared by the save pipeline (DM-61) and validation (DM-63).</summary>
public static partial class BootSetRules
{
    /// <summary>Python's repr of upstream's HARDWARE_SPECIFIER_FIELDS tuple, as it appears in messages.</summary>
    private const string HardwareSpecifierFields = "('node_list', 'node_roles_groups', 'node_groups')";

    public const string SupportedRootfsProvider = "sbps";

    /// <summary>T7 / V2: at least one of node_list, node_roles_groups, node_groups present and non-empty.</summary>
    public static BootSetFinding? HardwareSpecifier(BootSet bootSet)
    {
        var fields = new[] { bootSet.NodeList, bootSet.NodeRolesGroups, bootSet.NodeGroups };
        if (fields.All(f => f is null)) return BootSetFinding.Error($"No hardware specifier fields ({HardwareSpecifierFields})");
        if (fields.All(f => f is null || f.Count == 0))
            return BootSetFinding.Error($"No non-empty hardware specifier fields ({HardwareSpecifierFields})");
        return null;
    }

    /// <summary>T8 / V4: a node_list entry starting with "nid" is an error with reject_nids, else a warning.</summary>
    public static BootSetFinding? NidsInNodeList(BootSet bootSet, BosOptions options)
    {
        if (bootSet.NodeList is null || !bootSet.NodeList.Any(n => n.StartsWith("nid", StringComparison.Ordinal))) return null;
        const string message = "Has NID in 'node_list'";
        return options.RejectNids ? BootSetFinding.Error(message) : BootSetFinding.Warning(message);
    }

    /// <summary>V3: only sbps (or no provider) can boot since CPS/DVS were removed (DM-36).</summary>
    public static BootSetFinding? RootfsProvider(BootSet bootSet) =>
        bootSet.RootfsProvider is { } provider && provider != SupportedRootfsProvider
            ? BootSetFinding.Warning($"Unsupported rootfs_provider ('{provider}') will cause boot/reboot sessions to fail")
            : null;

    /// <summary>DM-90: lower-case, then strip leading zeros from each xname number (x0003c0s01b0n0 → x3c0s1b0n0).</summary>
    public static string CanonicalXname(string xname) => Xname().Replace(xname.ToLowerInvariant(), "x$1c$2s$3b$4n$5");

    [GeneratedRegex(@"x0*(\d+)c0*(\d+)s0*(\d+)b0*(\d+)n0*(\d+)")]
    private static partial Regex Xname();
}
