using System.Text.RegularExpressions;

namespace Bos.Core.Time;

/// <summary>
/// Age strings ("0", "45m", "6h", "1d", "2w"; spec AgeString) as used by min_age, max_age and
/// cleanup_completed_session_ttl. Upstream sums every "(\d+)&lt;unit&gt;" it finds, case-insensitively.
/// </summary>
public static partial class AgeString
{
    public static TimeSpan Parse(string text)
    {
        var total = TimeSpan.Zero;
        foreach (var (unit, span) in Units)
            foreach (Match m in Regex.Matches(text, $@"(\d+)\w*{unit}", RegexOptions.IgnoreCase))
                total += span * long.Parse(m.Groups[1].Value);
        return total;
    }

    private static readonly (string Unit, TimeSpan Span)[] Units =
    [
        ("w", TimeSpan.FromDays(7)), ("d", TimeSpan.FromDays(1)), ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)),
    ];
}
