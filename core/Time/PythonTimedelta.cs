using System.Globalization;

namespace Bos.Core.Time;

/// <summary>
/// Python's str(timedelta), which upstream returns as a session's duration (DM-70): "H:MM:SS", "H:MM:SS.ffffff"
/// when there are microseconds, prefixed by "N day(s), " (days may be negative: "-1 day, 23:59:59").
/// </summary>
public static class PythonTimedelta
{
    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerDay = 86_400 * MicrosPerSecond;

    public static string Format(TimeSpan span)
    {
        // Python keeps microseconds; the days part is floored, the rest is always positive.
        var micros = span.Ticks / (TimeSpan.TicksPerMillisecond / 1000);
        var days = micros / MicrosPerDay;
        if (micros % MicrosPerDay < 0) days--;
        var rest = micros - days * MicrosPerDay;
        var seconds = rest / MicrosPerSecond;
        var fraction = rest % MicrosPerSecond;

        var text = string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}");
        if (fraction != 0) text += string.Create(CultureInfo.InvariantCulture, $".{fraction:000000}");
        if (days != 0) text = string.Create(CultureInfo.InvariantCulture, $"{days} day{(Math.Abs(days) == 1 ? "" : "s")}, {text}");
        return text;
    }
}
