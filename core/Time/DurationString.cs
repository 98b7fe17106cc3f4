using System.Globalization;
using System.Text.RegularExpressions;

namespace Bos.Core.Time;

/// <summary>
/// Durations such as component_actual_state_ttl ("4h", "2d", "1w"): a number and one unit of s, m, h, d or w.
/// Upstream's duration_to_timedelta knew only lower-case units, so an upper-case TTL (which the spec allows) broke
/// actual-state cleanup and the node reporter. Bos reads the unit case-insensitively and hands nodes the
/// lower-case form (<see cref="Canonical"/>).
/// </summary>
public static partial class DurationString
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true } || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return false;
        var unit = char.ToLowerInvariant(match.Groups[2].Value[0]) switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            _ => TimeSpan.FromDays(7),
        };
        // Larger than TimeSpan can hold: as good as forever.
        duration = n > TimeSpan.MaxValue.Ticks / unit.Ticks ? TimeSpan.MaxValue : unit * n;
        return true;
    }

    /// <summary>The duration with a lower-case unit ("4H" → "4h"): what node reporters can parse. Unparsable text is returned as given.</summary>
    public static string Canonical(string text) =>
        Pattern().Match(text.Trim()) is { Success: true } m ? m.Groups[1].Value + m.Groups[2].Value.ToLowerInvariant() : text;

    [GeneratedRegex("^([0-9]+)([smhdwSMHDW])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
