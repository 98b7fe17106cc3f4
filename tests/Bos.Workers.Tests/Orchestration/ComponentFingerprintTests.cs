using Bos.Contracts.Resources;
using Bos.Workers.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>What the engine takes as news about a component, and what as the echo of its own writes.</summary>
public sealed class ComponentFingerprintTests
{
    private static readonly Component SetUp = EngineHarness.SessionSetup("f1") with
    {
        LastAction = new LastAction { Action = Actions.SessionSetup, LastUpdated = "2026-01-01T00:00:00Z", Failed = false },
    };

    private static EngineState Seen(Component component) => ComponentFingerprint.Remember(new EngineState(), component);

    [Fact]
    public void A_power_action_replacing_session_setup_is_an_echo()
    {
        var seen = Seen(SetUp);
        var powering = SetUp with
        {
            LastAction = new LastAction { Action = Actions.PoweringOn, LastUpdated = "2026-01-01T00:00:05Z" },
            Status = SetUp.Status! with { Phase = Phases.PoweringOn },
            EventStats = new EventStats { PowerOnAttempts = 1 },
            DesiredState = SetUp.DesiredState! with { BssToken = "t1" },
        };

        ComponentFingerprint.IsNews(seen, powering).Should().BeFalse();
    }

    [Fact]
    public void A_new_session_setup_or_another_target_is_news_even_after_power_actions()
    {
        var seen = ComponentFingerprint.Remember(Seen(SetUp),
            SetUp with { LastAction = new LastAction { Action = Actions.PoweringOn, LastUpdated = "2026-01-01T00:00:05Z" } });

        ComponentFingerprint.IsNews(seen, SetUp).Should().BeFalse("the session_setup it already saw");
        ComponentFingerprint.IsNews(seen, SetUp with { LastAction = SetUp.LastAction! with { LastUpdated = "2026-01-01T00:10:00Z" } })
            .Should().BeTrue("a second setup");
        ComponentFingerprint.IsNews(seen, SetUp with { DesiredState = SetUp.DesiredState! with { Configuration = "c2" } }).Should().BeTrue();
        ComponentFingerprint.IsNews(seen, SetUp with { ActualState = new ActualState { BssToken = "t9" } }).Should().BeTrue();
        ComponentFingerprint.IsNews(seen, SetUp with { Enabled = false }).Should().BeTrue();
    }
}
