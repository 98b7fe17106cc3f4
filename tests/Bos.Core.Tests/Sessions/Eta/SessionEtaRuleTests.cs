using Bos.Contracts.Resources;
using Bos.Core.Sessions.Eta;
using Bos.Core.Time;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Sessions.Eta;

/// <summary>The session ETA: from this session's finished nodes, else recent sessions, else none.</summary>
public sealed class SessionEtaRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static Session Running(string name = "s", string template = "t", string operation = "reboot") => new()
    {
        Name = name, TemplateName = template, Operation = operation,
        Status = new SessionStatus { Status = SessionStatusLabels.Running, StartTime = Timestamps.Format(Start) },
    };

    private static Session Done(string name, int startMinute, int seconds, string template = "t", string operation = "reboot", string error = "") => new()
    {
        Name = name, TemplateName = template, Operation = operation,
        Status = new SessionStatus
        {
            Status = SessionStatusLabels.Complete, Error = error,
            StartTime = Timestamps.Format(Start.AddMinutes(-startMinute)),
            EndTime = Timestamps.Format(Start.AddMinutes(-startMinute).AddSeconds(seconds)),
        },
    };

    /// <summary>A finished node (stable: disabled, no phase) whose last report came at <paramref name="seconds"/>, or a running one.</summary>
    private static Component Node(int seconds, bool finished = true) => new()
    {
        Id = $"x{seconds}", Session = "s", Enabled = !finished,
        Status = new ComponentStatus { Phase = finished ? "" : "powering_on", StatusOverride = "" },
        LastAction = new LastAction { Action = "powering_on", LastUpdated = Timestamps.Format(Start.AddSeconds(seconds / 2)) },
        ActualState = new ActualState { LastUpdated = Timestamps.Format(Start.AddSeconds(seconds)) },
    };

    private static SessionEta Estimate(IReadOnlyCollection<Component> nodes, IEnumerable<Session>? others = null, int nowSeconds = 30) =>
        SessionEtaRule.Estimate(Running(), nodes, others ?? [], Start.AddSeconds(nowSeconds));

    public static TheoryData<int[], int, string, double?, int> Cases() => new()
    {
        // finished nodes' seconds to their last report, now (s after start) → basis, remaining seconds, samples
        { [], 30, "none", null, 0 },
        { [20], 10, "this_session", 10.0, 1 },
        { [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 30, "this_session", 60.0, 10 },  // 90th percentile: 90 s
        { [20], 45, "this_session", 0.0, 1 },                                          // already passed: any moment now
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_estimate_rests_on_this_sessions_finished_nodes(int[] finished, int now, string basis, double? remaining, int samples)
    {
        var eta = Estimate([.. finished.Select(s => Node(s)), Node(5, finished: false)], nowSeconds: now);

        (eta.Basis, eta.RemainingSeconds, eta.Samples).Should().Be((basis, remaining, samples));
        (eta.EstimatedEndTime is null).Should().Be(remaining is null);
    }

    [Fact]
    public void No_finished_node_takes_the_median_of_the_last_complete_sessions_of_the_same_template_and_operation()
    {
        Session[] others =
        [
            Done("a", 60, 100), Done("b", 50, 200), Done("c", 40, 900),
            Done("other-template", 30, 5, template: "u"), Done("other-operation", 30, 5, operation: "boot"),
            Done("failed", 30, 5, error: "No nodes were found to act upon."), Running("still-running"),
        ];

        var eta = Estimate([Node(5, finished: false)], others, nowSeconds: 50);

        (eta.Basis, eta.RemainingSeconds, eta.Samples).Should().Be(("recent_sessions", 150.0, 3));
        eta.EstimatedEndTime.Should().Be(Timestamps.Format(Start.AddSeconds(200)));
        eta.Explanation.Should().Contain("200 s (median)");
    }

    [Fact]
    public void Only_the_five_newest_recent_sessions_count() =>
        Estimate([], [.. Enumerable.Range(1, 7).Select(i => Done($"r{i}", i, i <= 5 ? 100 : 1000))], 0)
            .Should().Match<SessionEta>(e => e.Samples == 5 && e.RemainingSeconds == 100.0);

    [Fact]
    public void A_complete_session_ends_at_its_end_time() =>
        SessionEtaRule.Estimate(Done("s", 10, 60), [], [], Start).Should().Match<SessionEta>(e =>
            e.Basis == "complete" && e.RemainingSeconds == 0 && e.EstimatedEndTime == Timestamps.Format(Start.AddMinutes(-10).AddSeconds(60)));

    [Fact]
    public void A_session_without_a_readable_start_has_no_estimate() =>
        SessionEtaRule.Estimate(Running() with { Status = new SessionStatus { Status = "running" } }, [Node(10)], [], Start).Basis.Should().Be("none");
}
