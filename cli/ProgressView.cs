using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Bos.Cli;

/// <summary>
/// What <c>bos sessions watch</c> shows of one extended status (GET /v2/sessions/{id}/status?include=eta): a bar per
/// phase, the counts, and the ETA with its basis. Pure, so it is tested without a terminal.
/// </summary>
public static class ProgressView
{
    public const int BarWidth = 30;

    private static readonly (string Label, string Key)[] Phases =
    [
        ("powering off", "percent_powering_off"), ("powering on", "percent_powering_on"),
        ("configuring", "percent_configuring"), ("complete", "percent_complete"),
    ];

    public static IReadOnlyList<string> Lines(string name, JsonNode status)
    {
        var phases = status["phases"];
        var lines = new List<string>
        {
            $"session {name}  {(string?)status["status"] ?? "?"}  {(string?)status["timing"]?["duration"] ?? ""}  "
            + $"{(int?)status["managed_components_count"] ?? 0} components  {Eta(status["eta"])}".TrimEnd(),
        };
        foreach (var (label, key) in Phases)
            lines.Add($"{label,-12} {Bar(Percent(phases?[key]))} {Percent(phases?[key]),6:0.0}%".Replace(',', '.'));
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"successful {Percent(status["percent_successful"]):0.0}%  failed {Percent(status["percent_failed"]):0.0}%  staged {Percent(status["percent_staged"]):0.0}%"));
        return lines;
    }

    /// <summary>"ETA 10:42:07 UTC (in 35 s, this_session)", or why there is none.</summary>
    public static string Eta(JsonNode? eta)
    {
        if (eta is null) return "";
        if ((string?)eta["estimated_end_time"] is not { } end) return "ETA: none yet";
        var at = DateTimeOffset.Parse(end, CultureInfo.InvariantCulture).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var remaining = (double?)eta["remaining_seconds"] ?? 0;
        return string.Create(CultureInfo.InvariantCulture, $"ETA {at} UTC (in {remaining:0} s, {(string?)eta["basis"]})");
    }

    public static string Bar(double percent)
    {
        var filled = (int)Math.Round(Math.Clamp(percent, 0, 100) / 100 * BarWidth);
        return new StringBuilder("[").Append('#', filled).Append('.', BarWidth - filled).Append(']').ToString();
    }

    /// <summary>Failures not reported before: "FAILED 2 nodes: error (x1,x2)", once per error text and count.</summary>
    public static IReadOnlyList<string> NewFailures(JsonNode status, IDictionary<string, int> reported)
    {
        var lines = new List<string>();
        if (status["error_summary"] is not JsonObject summary) return lines;
        foreach (var (error, entry) in summary)
        {
            var count = (int?)entry?["count"] ?? 0;
            if (reported.TryGetValue(error, out var seen) && seen >= count) continue;
            reported[error] = count;
            lines.Add($"FAILED {count} node(s): {error} ({(string?)entry?["list"]})");
        }
        return lines;
    }

    private static double Percent(JsonNode? value) => value is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;
}
