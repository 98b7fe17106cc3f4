using Bos.Contracts.Resources;
using Bos.Core.Components;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>What a component write adds to the component's history (ComponentHistory.Between), as a table, and each entry's summary.</summary>
public sealed class ComponentHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 13, 0, 0, 123, TimeSpan.Zero);

    private static readonly Component Base = new()
    {
        Id = "x1", Enabled = true, Session = "s1", Error = "",
        Status = new ComponentStatus { Phase = Phases.None, StatusOverride = "" },
        LastAction = new LastAction { Action = Actions.SessionSetup, Failed = false, LastUpdated = "2026-12-02T12:00:00Z" },
        EventStats = EventStats.Zero,
        ActualState = new ActualState { BootArtifacts = new BootArtifacts { Kernel = "k1", KernelParameters = "p", Initrd = "i" }, BssToken = "t1", LastUpdated = "2026-12-02T12:00:00Z" },
        DesiredState = new DesiredState { BootArtifacts = new BootArtifacts { Kernel = "k2", KernelParameters = "p", Initrd = "i" }, Configuration = "c" },
    };

    public static TheoryData<string, Component?, Component, string[]> Writes => new()
    {
        { "a new record", null, Base, [HistoryKinds.Created] },
        { "an unchanged record", Base, Base, [] },
        { "a phase change", Base, Base with { Status = Base.Status! with { Phase = Phases.PoweringOn } }, [HistoryKinds.PhaseChanged] },
        {
            "a power-on with its phase", Base with { Status = Base.Status! with { Phase = Phases.PoweringOff } },
            Base with
            {
                Status = Base.Status! with { Phase = Phases.PoweringOn }, EventStats = EventStats.Zero with { PowerOnAttempts = 1 },
                LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = "2026-12-02T13:00:00Z" },
            },
            [HistoryKinds.PowerAction, HistoryKinds.PhaseChanged]
        },
        {
            "a retried power action (same action, next attempt)",
            Base with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = "a" }, EventStats = EventStats.Zero with { PowerOnAttempts = 1 } },
            Base with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = "b" }, EventStats = EventStats.Zero with { PowerOnAttempts = 2 } },
            [HistoryKinds.PowerAction]
        },
        {
            "the bare power action an operator writes before its calls (no attempt counted yet)", Base,
            Base with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = "b" } }, []
        },
        {
            "the operator's write after the calls (same last action, its attempt counted)",
            Base with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = "a" } },
            Base with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = "a" }, EventStats = EventStats.Zero with { PowerOnAttempts = 1 } },
            [HistoryKinds.PowerAction]
        },
        {
            "a power action that only gets a new time", Base with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = "a" } },
            Base with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = "b" } }, []
        },
        {
            "a power action marked failed", Base with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = "a" } },
            Base with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = true, LastUpdated = "a" } }, [HistoryKinds.PowerAction]
        },
        { "a non-power action", Base, Base with { LastAction = Base.LastAction! with { Action = Actions.ApplyStaged, LastUpdated = "b" } }, [HistoryKinds.Action] },
        { "an error set", Base, Base with { Error = "boom" }, [HistoryKinds.Error] },
        { "an error cleared", Base with { Error = "boom" }, Base with { Error = "" }, [HistoryKinds.ErrorCleared] },
        { "an error absent then empty", Base with { Error = null }, Base with { Error = "" }, [] },
        {
            "a report of new artifacts", Base,
            Base with { ActualState = Base.ActualState! with { BootArtifacts = Base.DesiredState!.BootArtifacts, BssToken = "t2", LastUpdated = "later" } },
            [HistoryKinds.Report]
        },
        { "a report repeating the same artifacts", Base, Base with { ActualState = Base.ActualState! with { LastUpdated = "later" } }, [] },
        { "the actual state cleared", Base, Base with { ActualState = ActualState.Empty }, [HistoryKinds.ActualStateCleared] },
        { "a session take-over", Base, Base with { Session = "s2" }, [HistoryKinds.SessionChanged] },
        { "a session left", Base, Base with { Session = "" }, [HistoryKinds.SessionChanged] },
        { "a disable", Base, Base with { Enabled = false }, [HistoryKinds.Disabled] },
        { "an enable", Base with { Enabled = false }, Base, [HistoryKinds.Enabled] },
        { "a new desired state", Base, Base with { DesiredState = Base.DesiredState! with { Configuration = "c2" } }, [HistoryKinds.DesiredStateChanged] },
        { "a desired state with only a new time", Base, Base with { DesiredState = Base.DesiredState! with { LastUpdated = "later" } }, [] },
        {
            "a session setup (taken, desired, action, phase)", Base with { Session = "" },
            Base with
            {
                Session = "s2", DesiredState = Base.DesiredState! with { Configuration = "c3" },
                LastAction = Base.LastAction! with { LastUpdated = "later" }, Status = Base.Status! with { Phase = Phases.PoweringOff },
            },
            [HistoryKinds.SessionChanged, HistoryKinds.DesiredStateChanged, HistoryKinds.Action, HistoryKinds.PhaseChanged]
        },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public void A_write_adds_the_entries_of_what_changed(string write, Component? before, Component after, string[] kinds) =>
        ComponentHistory.Between(before, after, Now).Select(e => e.Kind).Should().Equal(kinds, write);

    [Fact]
    public void Every_entry_carries_the_write_time_with_milliseconds_and_the_session_after_the_write()
    {
        var entries = ComponentHistory.Between(Base, Base with { Session = "s2", Error = "boom" }, Now);
        entries.Should().OnlyContain(e => e.Time == "2026-12-02T13:00:00.123Z" && e.Session == "s2");
        ComponentHistory.Between(Base, Base with { Session = "" }, Now).Single().Session.Should().BeNull();
    }

    public static TheoryData<string, Dictionary<string, object?>, string> Summaries => new()
    {
        { HistoryKinds.PhaseChanged, new() { ["from"] = "", ["to"] = "powering_on" }, "Phase none -> powering_on" },
        { HistoryKinds.PowerAction, new() { ["action"] = "powering_on", ["failed"] = false, ["attempt"] = 2 }, "Power action powering_on (attempt 2)" },
        { HistoryKinds.PowerAction, new() { ["action"] = "powering_off_forcefully", ["failed"] = true }, "Power action powering_off_forcefully failed" },
        { HistoryKinds.PowerAction, new() { ["action"] = "powering_on", ["failed"] = false, ["attempt"] = 0 }, "Power action powering_on" },
        { HistoryKinds.SessionChanged, new() { ["from"] = "", ["to"] = "s2" }, "Taken by session s2" },
        { HistoryKinds.SessionChanged, new() { ["from"] = "s1", ["to"] = "s2" }, "Taken over by session s2 from session s1" },
        { HistoryKinds.SessionChanged, new() { ["from"] = "s1", ["to"] = "" }, "Left session s1" },
        { HistoryKinds.Report, new() { ["kernel"] = "s3://k", ["bss_token"] = "t" }, "Reported booted kernel s3://k" },
        { HistoryKinds.Error, new() { ["error"] = "boom" }, "Error: boom" },
        { HistoryKinds.ErrorCleared, new() { ["previous"] = "boom" }, "Error cleared (was: boom)" },
        { HistoryKinds.Created, new() { ["enabled"] = false }, "Component created (disabled)" },
    };

    [Theory]
    [MemberData(nameof(Summaries))]
    public void Each_entry_reads_as_one_line(string kind, Dictionary<string, object?> details, string summary) =>
        ComponentHistory.Summary(new ComponentHistoryEntry { Kind = kind, Details = details }).Should().Be(summary);

    [Fact]
    public void A_stored_entry_read_back_has_the_same_summary_as_the_entry_written()
    {
        var written = ComponentHistory.Between(Base, Base with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = true }, EventStats = EventStats.Zero with { PowerOnAttempts = 3 } }, Now).Single();
        var read = Bos.Core.Json.BosJson.Deserialize<ComponentHistoryEntry>(Bos.Core.Json.BosJson.Serialize(written));
        ComponentHistory.Summary(read).Should().Be(ComponentHistory.Summary(written)).And.Be("Power action powering_on (attempt 3) failed");
    }
}
