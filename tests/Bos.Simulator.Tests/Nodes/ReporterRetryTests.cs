using Bos.Simulator.Tests.Infrastructure;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Simulator.Tests.Nodes;

/// <summary>REP-05/06: bos-reporter retries rejected reports with back-off and then reports periodically.</summary>
public sealed class ReporterRetryTests
{
    [Fact]
    public async Task Reports_rejected_with_409_and_503_are_retried_until_BOS_accepts_one()
    {
        await using var bos = await FakeBosApi.StartAsync();
        // BOS refuses while it is powering the node off (409), then has a bad moment (503), then accepts.
        bos.Answer = (_, before) => before switch { 0 or 1 => 409, 2 => 503, _ => 200 };
        await using var sim = await TestSimulator.StartAsync(bosApi: bos.Url);
        var node = DemoImages.Node(6);
        var token = await sim.PutBootParametersAsync([node]);

        await sim.TransitionAsync("On", node);
        await Eventually.True(async () => bos.ReportsOf(node).Any(r => r.AnsweredWith == 200), "an accepted report");

        var reports = bos.ReportsOf(node);
        reports.Select(r => r.AnsweredWith).Should().StartWith([409, 409, 503, 200]);
        reports.Should().OnlyContain(r => r.Body["actual_state"]!["bss_token"]!.GetValue<string>() == token);
        reports.Should().OnlyContain(r => r.ContentLength > 0, "bos-reporter (Python requests) sends its body with a length, not chunked");
        var reporter = (await sim.NodeAsync(node)).GetProperty("reporter");
        reporter.GetProperty("failures").GetInt32().Should().Be(3);
        reporter.GetProperty("successes").GetInt32().Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task After_a_success_the_node_reports_again_at_its_update_frequency()
    {
        await using var bos = await FakeBosApi.StartAsync();
        // 0.75 × 60 s, time-scaled to 45 ms: several reports quickly.
        await using var sim = await TestSimulator.StartAsync(bosApi: bos.Url);
        var node = DemoImages.Node(7);
        await sim.PutBootParametersAsync([node], "console=ttyS0 bos_update_frequency=1m");

        await sim.TransitionAsync("On", node);
        await Eventually.True(async () => bos.ReportsOf(node).Count >= 3, "three periodic reports");

        bos.ReportsOf(node).Should().OnlyContain(r => r.AnsweredWith == 200);
    }

    [Fact]
    public async Task An_unreachable_BOS_is_retried_rather_than_given_up_on()
    {
        // Port 9 (discard) on loopback: connection refused.
        await using var sim = await TestSimulator.StartAsync(bosApi: new Uri("http://127.0.0.1:9"));
        var node = DemoImages.Node(8);
        await sim.PutBootParametersAsync([node]);

        await sim.TransitionAsync("On", node);
        var reporter = await Eventually.Until(
            async () => (await sim.NodeAsync(node)).GetProperty("reporter"),
            r => r.GetProperty("failures").GetInt32() >= 3,
            "three failed attempts");

        reporter.GetProperty("lastStatus").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        reporter.GetProperty("lastError").GetString().Should().NotBeNullOrEmpty();
    }
}
