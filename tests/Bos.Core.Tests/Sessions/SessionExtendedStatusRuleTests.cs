using System.Text.Json.Nodes;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Sessions;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Sessions;

/// <summary>DM-70: the extended status of a session.</summary>
public sealed class SessionExtendedStatusRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 6, 20, 0, 0, TimeSpan.Zero);

    private static Session Session(string? endTime = null, string status = "running") => new()
    {
        Name = "s1",
        Status = new SessionStatus { StartTime = "2026-02-06T19:47:26Z", EndTime = endTime, Status = status },
    };

    private static Component Member(string id, string phase = "", bool enabled = true, string? overrideStatus = null, string? error = null) => new()
    {
        Id = id, Session = "s1", Enabled = enabled, Error = error,
        Status = new ComponentStatus { Phase = phase, StatusOverride = overrideStatus ?? "" },
    };

    [Fact]
    public void Counts_phases_success_failure_and_staged_over_managed_components()
    {
        Component[] components =
        [
            Member("a"),                                   // stable
            Member("b", overrideStatus: "failed"),         // failed
            Member("c", phase: "powering_on"),
            Member("d", phase: "powering_off"),
            Member("e", phase: "configuring"),
            Member("f", phase: "configuring", overrideStatus: "on_hold"), // held: not in a phase
            Member("g", phase: "powering_on", enabled: false),            // disabled: not in a phase
            new() { Id = "h", StagedState = new StagedState { Session = "s1" } },
            new() { Id = "i", Session = "other" },
        ];

        var status = SessionExtendedStatusRule.Compute(Session(), components, Now);

        status.ManagedComponentsCount.Should().Be(8);
        status.PercentSuccessful.Should().Be(12.5);   // a
        status.PercentFailed.Should().Be(12.5);       // b
        status.PercentStaged.Should().Be(12.5);       // h
        status.Phases.PercentComplete.Should().Be(25.0);
        status.Phases.PercentPoweringOn.Should().Be(12.5);
        status.Phases.PercentPoweringOff.Should().Be(12.5);
        status.Phases.PercentConfiguring.Should().Be(12.5);
        status.Status.Should().Be("running");
    }

    [Fact]
    public void Percentages_are_rounded_to_two_decimals_and_zero_without_components()
    {
        var third = SessionExtendedStatusRule.Compute(Session(), [Member("a"), Member("b", phase: "configuring"), Member("c", phase: "configuring")], Now);
        third.PercentSuccessful.Should().Be(33.33);
        third.Phases.PercentConfiguring.Should().Be(66.67);

        var empty = SessionExtendedStatusRule.Compute(Session(), [], Now);
        empty.ManagedComponentsCount.Should().Be(0);
        empty.PercentSuccessful.Should().Be(0.0);
        empty.Phases.PercentComplete.Should().Be(0.0);
    }

    [Fact]
    public void Error_summary_groups_by_error_with_at_most_ten_ids_then_an_ellipsis()
    {
        var components = Enumerable.Range(0, 12).Select(i => Member($"x{i:00}", error: "boom"))
            .Append(Member("y", error: "other")).Append(Member("z", error: ""));

        var summary = SessionExtendedStatusRule.Compute(Session(), components, Now).ErrorSummary;

        summary.Keys.Should().BeEquivalentTo("boom", "other");
        summary["boom"].Count.Should().Be(12);
        summary["boom"].List.Should().Be(string.Join(',', Enumerable.Range(0, 10).Select(i => $"x{i:00}")) + "...");
        summary["other"].Should().Be(new SessionErrorComponents { Count = 1, List = "y" });
    }

    [Fact]
    public void Error_groups_and_their_ids_follow_id_order_whatever_order_the_components_are_read_in()
    {
        Component[] components = [Member("x3", error: "late"), Member("x2", error: "early"), Member("x9", error: "late"), Member("x1", error: "late")];

        var summary = SessionExtendedStatusRule.Compute(Session(), components, Now).ErrorSummary;

        summary.Keys.Should().Equal("late", "early"); // "late" has the first id, x1
        summary["late"].Should().Be(new SessionErrorComponents { Count = 3, List = "x1,x3,x9" });
        summary["early"].Should().Be(new SessionErrorComponents { Count = 1, List = "x2" });
    }

    [Fact]
    public void The_tally_counts_components_fed_one_at_a_time_as_the_rule_does()
    {
        Component[] components = [Member("a"), Member("b", phase: "configuring", error: "boom"), new() { Id = "h", StagedState = new StagedState { Session = "s1" } }];
        var tally = new SessionExtendedStatusRule.Tally("s1");
        foreach (var component in components) tally.Add(component);

        var status = tally.Result(Session(), Now);
        status.ManagedComponentsCount.Should().Be(3);
        status.PercentSuccessful.Should().Be(33.33);
        status.PercentStaged.Should().Be(33.33);
        status.Phases.PercentConfiguring.Should().Be(33.33);
        status.ErrorSummary.Should().ContainKey("boom").WhoseValue.Should().Be(new SessionErrorComponents { Count = 1, List = "b" });
    }

    [Fact]
    public void Duration_runs_to_end_time_or_to_now_in_python_timedelta_form()
    {
        SessionExtendedStatusRule.Compute(Session(), [], Now).Timing.Duration.Should().Be("0:12:34");
        SessionExtendedStatusRule.Compute(Session(), [], Now.AddMilliseconds(250)).Timing.Duration.Should().Be("0:12:34.250000");

        var ended = SessionExtendedStatusRule.Compute(Session("2026-02-07T21:50:30Z", "complete"), [], Now);
        ended.Timing.Should().Be(new SessionExtendedStatusTiming { StartTime = "2026-02-06T19:47:26Z", EndTime = "2026-02-07T21:50:30Z", Duration = "1 day, 2:03:04" });
        ended.Status.Should().Be("complete");

        // Upstream's own naive timestamps are read as UTC.
        SessionExtendedStatusRule.Compute(Session() with { Status = new SessionStatus { StartTime = "2026-02-06T19:00:00" } }, [], Now)
            .Timing.Duration.Should().Be("1:00:00");
    }

    [Fact]
    public void Serialises_with_upstreams_keys_python_floats_and_a_null_end_time()
    {
        var json = JsonNode.Parse(BosJson.Serialize(SessionExtendedStatusRule.Compute(Session(), [Member("a")], Now)))!.AsObject();

        json.Select(p => p.Key).Should().Equal("managed_components_count", "phases", "percent_staged", "percent_successful",
            "percent_failed", "error_summary", "timing", "status");
        json.ToJsonString().Should().Contain("\"percent_successful\":100.0").And.Contain("\"percent_staged\":0.0")
            .And.Contain("\"end_time\":null").And.Contain("\"error_summary\":{}");
    }
}
