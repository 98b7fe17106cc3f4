using Bos.Contracts.Resources;
using Bos.Core.Components;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>Which component changes are input changes (published as ComponentInputChanged) and which only bookkeeping.</summary>
public sealed class ComponentInputsTests
{
    private static readonly Component Base = new()
    {
        Id = "x1",
        Enabled = true,
        Session = "s1",
        DesiredState = new DesiredState { Configuration = "c1", BssToken = "t1", BootArtifacts = new BootArtifacts { Kernel = "k1" } },
        Status = new ComponentStatus { Phase = "powering_off", StatusOverride = "" },
        LastAction = new LastAction { Action = Actions.SessionSetup, LastUpdated = "2026-01-01T00:00:00Z", Failed = false },
        EventStats = EventStats.Zero,
        Error = "",
    };

    public static TheoryData<string, Component> Bookkeeping => new()
    {
        { "phase", Base with { Status = Base.Status! with { Phase = "powering_on" } } },
        { "error", Base with { Error = "PCS said no" } },
        { "event_stats", Base with { EventStats = new EventStats { PowerOnAttempts = 1 } } },
        { "desired bss_token", Base with { DesiredState = Base.DesiredState! with { BssToken = "t2" } } },
        { "a power last action replacing session_setup", Base with { LastAction = new LastAction { Action = Actions.PoweringOn, LastUpdated = "2026-01-01T00:00:05Z" } } },
    };

    public static TheoryData<string, Component> Inputs => new()
    {
        { "enabled", Base with { Enabled = false } },
        { "status override", Base with { Status = Base.Status! with { StatusOverride = Statuses.OnHold } } },
        { "desired configuration", Base with { DesiredState = Base.DesiredState! with { Configuration = "c2" } } },
        { "desired artifacts", Base with { DesiredState = Base.DesiredState! with { BootArtifacts = new BootArtifacts { Kernel = "k2" } } } },
        { "actual state", Base with { ActualState = new ActualState { BssToken = "t1" } } },
        { "session", Base with { Session = "s2" } },
        { "staged state", Base with { StagedState = new StagedState { Configuration = "c3" } } },
        { "retry policy", Base with { RetryPolicy = 1 } },
        { "a new non-power last action", Base with { LastAction = Base.LastAction! with { Action = Actions.ApplyStaged, LastUpdated = "2026-01-01T00:01:00Z" } } },
    };

    [Theory]
    [MemberData(nameof(Bookkeeping))]
    public void Bookkeeping_alone_is_not_an_input_change(string change, Component after) =>
        ComponentInputs.Changed(Base, after).Should().BeFalse(change);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Everything_else_is_an_input_change(string change, Component after) =>
        ComponentInputs.Changed(Base, after).Should().BeTrue(change);

    [Fact]
    public void A_new_record_is_an_input_change() => ComponentInputs.Changed(null, Base).Should().BeTrue();
}
