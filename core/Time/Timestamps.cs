using System.Globalization;

namespace Bos.Core.Time;

/// <summary>
/// Timestamps BOS writes. Upstream writes naive local time (API-10, Q-15); Bos writes RFC 3339 UTC with a "Z"
/// (what the spec promises) and reads both forms, treating a naive time as UTC (upstream pods run in UTC).
/// </summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 UTC with milliseconds, for Bos's own records (history, audit): many entries fall in one second.</summary>
    public static string FormatPrecise(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }
}
