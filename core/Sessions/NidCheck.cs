using System.Text.RegularExpressions;

namespace Bos.Core.Sessions;

/// <summary>
/// Recognises node ids written as NIDs, which BOS does not support (DM-90; used by the `reject_nids` option:
/// a warning when it is off, a 400 when it is on). Case-sensitive, as upstream.
/// </summary>
public static partial class NidCheck
{
    [GeneratedRegex("^[&!]*nid", RegexOptions.CultureInvariant)]
    private static partial Regex LimitItemNid();

    /// <summary>
    /// True when any comma-separated item of a session limit matches `^[&amp;!]*nid`. Items are trimmed first,
    /// as <see cref="LimitExpression"/> reads them (" nid1" is a NID in Bos; upstream missed it).
    /// </summary>
    public static bool LimitHasNids(string? limit) =>
        !string.IsNullOrEmpty(limit) && limit.Split(',').Any(item => LimitItemNid().IsMatch(item.Trim()));

    /// <summary>True when any node list entry starts with "nid" (session template boot sets, T8/V4).</summary>
    public static bool NodeListHasNids(IEnumerable<string>? nodeList) =>
        nodeList?.Any(node => node.StartsWith("nid", StringComparison.Ordinal)) == true;
}
