using System.Text.RegularExpressions;

namespace Bos.Core.Sessions;

/// <summary>Session limit rules checked at creation (API-33 step 4, OP-70).</summary>
public static partial class SessionLimit
{
    /// <summary>True when any comma-separated item looks like a NID (`^[&amp;!]*nid`, case-sensitive).</summary>
    public static bool HasNids(string? limit) =>
        !string.IsNullOrEmpty(limit) && limit.Split(',').Any(item => NidItem().IsMatch(item));

    [GeneratedRegex("^[&!]*nid")]
    private static partial Regex NidItem();
}
