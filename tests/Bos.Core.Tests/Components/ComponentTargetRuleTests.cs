using Bos.Contracts.Resources;
using Bos.Core.Components;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>Whether a record still aims at the target a power action was decided for.</summary>
public sealed class ComponentTargetRuleTests
{
    private static readonly Component DecidedOn = new()
    {
        Id = "x1",
        Session = "s1",
        DesiredState = new DesiredState
        {
            BootArtifacts = new BootArtifacts { Kernel = "k", KernelParameters = "p", Initrd = "i", Timestamp = "t1" },
            Configuration = "c",
            BssToken = "",
        },
        LastAction = new LastAction { Action = Actions.SessionSetup, Failed = false },
    };

    public static TheoryData<string, Component, bool> Cases => new()
    {
        { "the same record", DecidedOn, true },
        { "the action's own writes (last action, error, attempts, token)", DecidedOn with
            {
                LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false }, Error = "e", EventStats = new EventStats { PowerOnAttempts = 1 },
                DesiredState = DecidedOn.DesiredState! with { BssToken = "tok" },
            }, true },
        { "a report and a new phase", DecidedOn with { ActualState = new ActualState { BssToken = "tok" }, Status = new ComponentStatus { Phase = "powering_on" } }, true },
        { "the artifacts' timestamp only", DecidedOn with { DesiredState = DecidedOn.DesiredState! with { BootArtifacts = DecidedOn.DesiredState.BootArtifacts! with { Timestamp = "t2" } } }, true },
        { "another session", DecidedOn with { Session = "s2" }, false },
        { "detached from its session", DecidedOn with { Session = "" }, false },
        { "another kernel", DecidedOn with { DesiredState = DecidedOn.DesiredState! with { BootArtifacts = DecidedOn.DesiredState.BootArtifacts! with { Kernel = "k2" } } }, false },
        { "other kernel parameters", DecidedOn with { DesiredState = DecidedOn.DesiredState! with { BootArtifacts = DecidedOn.DesiredState.BootArtifacts! with { KernelParameters = "p2" } } }, false },
        { "another initrd", DecidedOn with { DesiredState = DecidedOn.DesiredState! with { BootArtifacts = DecidedOn.DesiredState.BootArtifacts! with { Initrd = "i2" } } }, false },
        { "another configuration", DecidedOn with { DesiredState = DecidedOn.DesiredState! with { Configuration = "c2" } }, false },
        { "an emptied desired state (a shutdown)", DecidedOn with { DesiredState = DesiredState.Empty }, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_record_keeps_its_target_unless_its_session_or_desired_artifacts_or_configuration_change(string change, Component current, bool unchanged) =>
        ComponentTargetRule.Unchanged(DecidedOn, current).Should().Be(unchanged, change);

    [Fact]
    public void Absent_and_empty_are_the_same_target() =>
        ComponentTargetRule.Unchanged(new Component { Id = "x1" }, new Component { Id = "x1", Session = "", DesiredState = DesiredState.Empty }).Should().BeTrue();
}
