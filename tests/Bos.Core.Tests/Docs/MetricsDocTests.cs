using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bos.Core.Telemetry;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Docs;

/// <summary>docs/metrics.md documents every instrument of Bos's meter, and the dashboard asks only for documented ones.</summary>
public sealed partial class MetricsDocTests
{
    private static string Root() => BehaviourIndexTests.RepositoryRoot();

    private static readonly string Doc = File.ReadAllText(Path.Combine(Root(), "docs/metrics.md"));

    [Fact]
    public void Every_counter_and_histogram_of_the_bos_meter_has_a_row_under_its_prometheus_name()
    {
        var instruments = typeof(BosMetrics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<System.Diagnostics.Metrics.Instrument>().ToList();
        instruments.Should().NotBeEmpty();
        foreach (var instrument in instruments)
        {
            var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : "")
                       + (instrument.GetType().Name.StartsWith("Counter") ? "_total" : "");
            Doc.Should().Contain($"| `{name}` |", $"{instrument.Name} is documented");
        }
    }

    [Fact]
    public void The_dashboard_is_valid_json_and_queries_only_documented_bos_metrics()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "charts/bos/dashboards/bos.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        expressions.Should().NotBeEmpty();
        var names = expressions.SelectMany(e => BosMetric().Matches(e).Select(m => m.Value)).Distinct().ToList();
        names.Should().Contain(["bos_components", "bos_sessions", "bos_power_actions_total", "bos_service_call_duration_seconds_bucket"]);
        foreach (var name in names)
            Doc.Should().Contain($"`{Regex.Replace(name, "_(bucket|count|sum)$", "")}`", $"{name} is documented");
    }

    [GeneratedRegex(@"\bbos_[a-z_]+")]
    private static partial Regex BosMetric();
}
