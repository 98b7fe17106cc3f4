using System.Globalization;
using System.Text.RegularExpressions;

namespace Bos.Testing;

/// <summary>A `/metrics` page (Prometheus text format) read into samples, for asserting on a scrape.</summary>
public sealed partial class PrometheusScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public PrometheusScrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var match = Sample().Match(line);
            if (!match.Success) continue;
            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            _samples.Add((match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) => _samples
        .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value))
        .Sum(s => s.Value);

    /// <summary>The samples named <paramref name="name"/>, each with its labels.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Series(string name) =>
        _samples.Where(s => s.Name == name).Select(s => (IReadOnlyDictionary<string, string>)s.Labels).ToList();

    /// <summary>Whether any sample is named <paramref name="name"/>.</summary>
    public bool Has(string name) => _samples.Any(s => s.Name == name);

    public static async Task<PrometheusScrape> FromAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Scrapes until <paramref name="ready"/> holds (the exporter answers from a page it keeps for 300 ms, so a scrape
    /// right after another may not show the latest measurements yet); the last scrape after 5 s.
    /// </summary>
    public static async Task<PrometheusScrape> UntilAsync(HttpClient http, Func<PrometheusScrape, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var scrape = await FromAsync(http);
            if (ready(scrape) || DateTime.UtcNow > deadline) return scrape;
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
