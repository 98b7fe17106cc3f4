using System.Text.RegularExpressions;

namespace Bos.Simulator.Reporting;

/// <summary>
/// bos-reporter's reporting period (REP-03, REP-06): 0.75 × the kernel parameter bos_update_frequency, parsed like
/// upstream's duration_to_timedelta (lower-case units s, m, h, d, w only).
/// </summary>
public static partial class UpdateFrequency
{
    public static double PeriodSeconds(string? kernelParameters, string fallback)
    {
        var match = kernelParameters is null ? null : Parameter().Match(kernelParameters);
        var value = match is { Success: true } ? match.Groups[1].Value : fallback;
        return 0.75 * (Seconds(value) ?? Seconds(fallback) ?? 4 * 3600);
    }

    public static double? Seconds(string duration)
    {
        var match = Duration().Match(duration);
        if (!match.Success) return null;
        var n = double.Parse(match.Groups[1].Value);
        return match.Groups[2].Value switch
        {
            "s" => n,
            "m" => n * 60,
            "h" => n * 3600,
            "d" => n * 86400,
            _ => n * 604800,
        };
    }

    [GeneratedRegex(@"(?:^|\s)bos_update_frequency=(\S+)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^([0-9]+)([smhdw])$")]
    private static partial Regex Duration();
}
