using Bos.Contracts.Resources;
using Bos.Core.Time;
using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// The main transitions of the component saga (OP-40) with the test harness: what it asks for after each event and
/// what it writes to the component record through the status assessment (OP-30).
/// </summary>
[NeedsServices]
public sealed class ComponentStateMachineTests(OrchestrationHarness _h) : IClassFixture<OrchestrationHarness>
{
    [Fact]
    public async Task An_enabled_component_is_observed_and_a_disabled_one_gets_no_saga()
    {
        await _h.ChangeAsync(OrchestrationHarness.SessionSetup("x1"));
        await _h.ChangeAsync(OrchestrationHarness.SessionSetup("x2") with { Enabled = false });

        (await _h.InState("x1", m => m.Observing)).Should().NotBeNull();
        (await _h.WaitForPublished<ObserveComponent>("x1", m => m.ComponentId, 1)).Should().Be(1);
        (await _h.Saga.NotExists(ComponentSagaId.For("x2"), TimeSpan.FromSeconds(1))).Should().BeNull();
        _h.Published<ObserveComponent>("x2", m => m.ComponentId).Should().Be(0);
    }

    [Fact]
    public async Task A_node_that_is_off_with_a_boot_target_is_powered_on_and_its_hold_cleared()
    {
        await _h.ChangeAsync(OrchestrationHarness.SessionSetup("x3"));
        await _h.WaitForPublished<ObserveComponent>("x3", m => m.ComponentId, 1);

        await _h.ObserveAsync("x3", "off");

        (await _h.InState("x3", m => m.Acting)).Should().NotBeNull();
        (await _h.WaitForPublished<PowerOnRequested>("x3", m => m.ComponentId, 1)).Should().Be(1);
        var request = _h.PublishedMessages<PowerOnRequested>("x3", m => m.ComponentId).Single();
        request.Reason.Should().Be("node is off and desired boot artifacts are set");
        var record = await _h.Components.GetAsync("x3");
        record!.Status.Should().BeEquivalentTo(new ComponentStatus { Phase = Phases.PoweringOn, StatusOverride = "" });
        record.Enabled.Should().BeTrue();
    }

    [Fact]
    public async Task A_node_that_is_on_with_an_off_target_is_soft_powered_off()
    {
        await _h.ChangeAsync(OrchestrationHarness.SessionSetup("x4", boot: false));
        await _h.WaitForPublished<ObserveComponent>("x4", m => m.ComponentId, 1);

        await _h.ObserveAsync("x4", "on");

        (await _h.WaitForPublished<GracefulPowerOffRequested>("x4", m => m.ComponentId, 1)).Should().Be(1);
        (await _h.Components.GetAsync("x4"))!.Status!.Phase.Should().Be(Phases.PoweringOff);
    }

    [Fact]
    public async Task Off_with_an_off_target_is_done_the_component_disabled_and_the_saga_removed()
    {
        await _h.ChangeAsync(OrchestrationHarness.SessionSetup("x5", boot: false));
        await _h.WaitForPublished<ObserveComponent>("x5", m => m.ComponentId, 1);

        await _h.ObserveAsync("x5", "off");

        (await _h.Saga.NotExists(ComponentSagaId.For("x5"))).Should().BeNull();
        var record = await _h.Components.GetAsync("x5");
        record!.Enabled.Should().BeFalse();
        record.Status.Should().BeEquivalentTo(new ComponentStatus { Phase = "", StatusOverride = "" });
    }

    [Fact]
    public async Task After_power_on_the_wait_fires_a_new_look_and_a_still_off_node_is_powered_on_again()
    {
        await _h.UntilPowerOnRequestedAsync("x6");

        // What the power-on consumer writes, then its answer.
        await _h.Components.UpdateAsync("x6", c => c with
        {
            LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = Timestamps.Format(DateTimeOffset.UtcNow) },
            EventStats = new EventStats { PowerOnAttempts = 1, PowerOffGracefulAttempts = 0, PowerOffForcefulAttempts = 0 },
        });
        await _h.Harness.Bus.Publish(new PowerActionCompleted("x6", Actions.PoweringOn, PowerActionOutcome.Acted));
        (await _h.InState("x6", m => m.Waiting)).Should().NotBeNull();

        // max_power_on_wait_time is 1 s: the deadline asks for a new observation.
        (await _h.WaitForPublished<ObserveComponent>("x6", m => m.ComponentId, 2, TimeSpan.FromSeconds(10))).Should().Be(2);
        await _h.ObserveAsync("x6", "off");

        (await _h.WaitForPublished<PowerOnRequested>("x6", m => m.ComponentId, 2)).Should().Be(2);
        var record = await _h.Components.GetAsync("x6");
        record!.LastAction!.Failed.Should().BeTrue("S3: still off after max_power_on_wait_time");
        _h.PublishedMessages<PowerOnRequested>("x6", m => m.ComponentId).Last().Reason
            .Should().StartWith("still off 1 s");
    }

    [Fact]
    public async Task The_echo_of_its_own_write_does_not_start_another_observation()
    {
        await _h.UntilPowerOnRequestedAsync("x7");

        // The outbox would deliver the assessment's write back to the saga, and the power-on write after it.
        var written = (await _h.Components.GetAsync("x7"))!;
        await _h.Harness.Bus.Publish(new Contracts.Events.ComponentInputChanged
        {
            ComponentId = "x7", ChangedFields = ["status"], Component = written, ChangedAt = DateTimeOffset.UtcNow,
        });
        await _h.Components.UpdateAsync("x7", c => c with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false } });
        await _h.Harness.Bus.Publish(new Contracts.Events.ComponentInputChanged
        {
            ComponentId = "x7", ChangedFields = ["last_action"], Component = written, ChangedAt = DateTimeOffset.UtcNow,
        });
        // The saga's first change (session setup) and the two echoes.
        (await _h.WaitForConsumed<Contracts.Events.ComponentInputChanged>(m => m.ComponentId == "x7", 3)).Should().Be(3);

        _h.Saga.Sagas.Contains(ComponentSagaId.For("x7")).CurrentState.Should().Be(nameof(ComponentStateMachine.Acting));
        _h.Published<ObserveComponent>("x7", m => m.ComponentId).Should().Be(1);
    }

    [Fact]
    public async Task A_node_still_on_after_graceful_off_and_the_wait_is_forced_off()
    {
        var old = Timestamps.Format(DateTimeOffset.UtcNow.AddSeconds(-5));
        await _h.ChangeAsync(OrchestrationHarness.SessionSetup("x8", boot: false) with
        {
            Status = new ComponentStatus { Phase = Phases.PoweringOff, StatusOverride = "" },
            LastAction = new LastAction { Action = Actions.PoweringOffGracefully, Failed = false, LastUpdated = old },
        });
        await _h.WaitForPublished<ObserveComponent>("x8", m => m.ComponentId, 1);

        await _h.ObserveAsync("x8", "on");

        (await _h.WaitForPublished<ForcefulPowerOffRequested>("x8", m => m.ComponentId, 1)).Should().Be(1);
        _h.PublishedMessages<ForcefulPowerOffRequested>("x8", m => m.ComponentId).Single().Reason
            .Should().Contain("after powering_off_gracefully");
    }

    [Fact]
    public async Task A_booted_node_whose_CFS_configuration_differs_is_configured_and_checked_again()
    {
        var booted = OrchestrationHarness.SessionSetup("x9", configuration: "cfg-a");
        await _h.ChangeAsync(booted with { ActualState = new ActualState { BootArtifacts = booted.DesiredState!.BootArtifacts, BssToken = "t" } });
        await _h.WaitForPublished<ObserveComponent>("x9", m => m.ComponentId, 1);

        await _h.ObserveAsync("x9", "on", cfsStatus: "configured", cfsDesiredConfig: "cfg-old");

        (await _h.WaitForPublished<ConfigureRequested>("x9", m => m.ComponentId, 1)).Should().Be(1);
        (await _h.InState("x9", m => m.Waiting)).Should().NotBeNull();
        (await _h.Components.GetAsync("x9"))!.Status!.Phase.Should().Be(Phases.Configuring);

        await _h.ObserveAsync("x9", "on", cfsStatus: "failed", cfsDesiredConfig: "cfg-a");
        (await _h.Saga.NotExists(ComponentSagaId.For("x9"))).Should().BeNull();
        var record = await _h.Components.GetAsync("x9");
        record!.Enabled.Should().BeFalse();
        record.Status!.StatusOverride.Should().Be(Statuses.Failed);
        record.Error.Should().Be("cfs configuration failed");
    }

    [Fact]
    public async Task Disabling_ends_the_saga_and_its_pending_timeout_has_no_effect()
    {
        await _h.UntilPowerOnRequestedAsync("x10");
        await _h.AnswerPowerOnAsync("x10", DateTimeOffset.UtcNow);
        (await _h.InState("x10", m => m.Waiting)).Should().NotBeNull();

        await _h.ChangeAsync((await _h.Components.GetAsync("x10"))! with { Enabled = false });
        (await _h.Saga.NotExists(ComponentSagaId.For("x10"))).Should().BeNull();

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // past max_power_on_wait_time
        // The harness's delayed scheduler cannot cancel (the Redis scheduler can, see the integration tests): a
        // timeout that still arrives finds no saga and is discarded, so nothing more is asked for.
        _h.Published<ObserveComponent>("x10", m => m.ComponentId).Should().Be(1);
        (await _h.Saga.NotExists(ComponentSagaId.For("x10"), TimeSpan.FromSeconds(1))).Should().BeNull();
    }

    [Fact]
    public async Task Missing_CFS_information_puts_the_component_on_hold_disabled()
    {
        await _h.ChangeAsync(OrchestrationHarness.SessionSetup("x11"));
        await _h.WaitForPublished<ObserveComponent>("x11", m => m.ComponentId, 1);

        await _h.ObserveAsync("x11", "off", cfsFound: false);

        (await _h.Saga.NotExists(ComponentSagaId.For("x11"))).Should().BeNull();
        var record = await _h.Components.GetAsync("x11");
        record!.Enabled.Should().BeFalse();
        record.Status!.StatusOverride.Should().Be(Statuses.OnHold);
        record.Error.Should().Be("Component information was not returned by cfs");
    }

    [Fact]
    public async Task A_timeout_that_is_not_the_scheduled_one_is_ignored()
    {
        await _h.UntilPowerOnRequestedAsync("x12");
        // Five minutes ahead: the real timeout is minutes away, so only a stray copy could arrive now.
        await _h.AnswerPowerOnAsync("x12", DateTimeOffset.UtcNow.AddMinutes(5));
        (await _h.InState("x12", m => m.Waiting)).Should().NotBeNull();
        var armed = _h.Saga.Sagas.Contains(ComponentSagaId.For("x12"));
        armed.PowerOnWaitToken.Should().NotBeNull("the real timeout is armed");
        armed.PowerOffWaitToken.Should().BeNull("no power-off is guarded");
        var (powerOnToken, recheckToken) = (armed.PowerOnWaitToken, armed.RecheckToken);

        // A late copy of a cancelled or replaced timeout carries the token of its own schedule: another one than the
        // saga's (power-on wait), or one where the saga has none armed (power-off wait). Neither changes anything.
        await _h.PublishScheduledAsync(new PowerOnWaitElapsed(ComponentSagaId.For("x12")), Guid.NewGuid());
        await _h.PublishScheduledAsync(new PowerOffWaitElapsed(ComponentSagaId.For("x12")), Guid.NewGuid());
        (await _h.WaitForConsumed<PowerOnWaitElapsed>(m => m.CorrelationId == ComponentSagaId.For("x12"), 1)).Should().Be(1);
        (await _h.WaitForConsumed<PowerOffWaitElapsed>(m => m.CorrelationId == ComponentSagaId.For("x12"), 1)).Should().Be(1);

        var saga = _h.Saga.Sagas.Contains(ComponentSagaId.For("x12"));
        saga.CurrentState.Should().Be(nameof(ComponentStateMachine.Waiting));
        saga.Dirty.Should().BeFalse();
        saga.PowerOnWaitToken.Should().Be(powerOnToken, "the real timeout stays armed");
        saga.RecheckToken.Should().Be(recheckToken, "no observation was asked for, so no watchdog was armed");
    }

    [Fact]
    public async Task An_observation_that_arrives_while_a_power_call_is_out_is_looked_at_again_once_it_is_answered()
    {
        await _h.UntilPowerOnRequestedAsync("x13");
        (await _h.InState("x13", m => m.Acting)).Should().NotBeNull();

        // E.g. the PCS transition watch saw the node on before the power consumer answered.
        await _h.ObserveAsync("x13", "on");
        (await _h.WaitForConsumed<ComponentObserved>(m => m.ComponentId == "x13", 2)).Should().Be(2);
        _h.Saga.Sagas.Contains(ComponentSagaId.For("x13")).Dirty.Should().BeTrue();

        await _h.AnswerPowerOnAsync("x13", DateTimeOffset.UtcNow);
        (await _h.WaitForPublished<ObserveComponent>("x13", m => m.ComponentId, 2)).Should().Be(2, "it looks again");
    }

    [Fact]
    public async Task One_recheck_serves_the_whole_cycle_and_one_that_comes_early_is_moved_on()
    {
        await _h.ChangeAsync(OrchestrationHarness.SessionSetup("x14"));
        await _h.WaitForPublished<ObserveComponent>("x14", m => m.ComponentId, 1);
        (await _h.InState("x14", m => m.Observing)).Should().NotBeNull();
        var first = _h.Saga.Sagas.Contains(ComponentSagaId.For("x14")).RecheckToken;
        first.Should().NotBeNull("the observation is guarded by the watchdog");

        await _h.ObserveAsync("x14", "off");
        await _h.WaitForPublished<PowerOnRequested>("x14", m => m.ComponentId, 1);
        await _h.AnswerPowerOnAsync("x14", DateTimeOffset.UtcNow.AddMinutes(5));
        (await _h.InState("x14", m => m.Waiting)).Should().NotBeNull();
        var waiting = _h.Saga.Sagas.Contains(ComponentSagaId.For("x14"));
        waiting.RecheckToken.Should().Be(first, "the power call's watchdog and the sweep come no sooner than the first recheck");

        // The first recheck arrives (a sweep 5 minutes off is not due yet): it is moved to when the sweep is due.
        await _h.PublishScheduledAsync(new RecheckDue(ComponentSagaId.For("x14")), first!.Value);
        (await _h.WaitForConsumed<RecheckDue>(m => m.CorrelationId == ComponentSagaId.For("x14"), 1)).Should().Be(1);
        var moved = _h.Saga.Sagas.Contains(ComponentSagaId.For("x14"));
        moved.RecheckToken.Should().NotBeNull();
        moved.RecheckToken.Should().NotBe(first!.Value);
        moved.RecheckScheduledUtc.Should().Be(moved.RecheckDueUtc);
        _h.Published<ObserveComponent>("x14", m => m.ComponentId).Should().Be(1, "nothing was due, so nothing was observed");
        (await _h.InState("x14", m => m.Waiting)).Should().NotBeNull();
    }
}
