using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Time;
using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// The component engine's main paths (OP-40) over real Redis: what it asks for after each input, what it keeps, and
/// what it writes to the component record through the status assessment (OP-30).
/// </summary>
[NeedsServices]
public sealed class ComponentEngineTests(EngineHarness _h) : IClassFixture<EngineHarness>
{
    [Fact]
    public async Task An_enabled_component_is_observed_and_a_disabled_one_is_not_kept()
    {
        await _h.ChangeAsync(EngineHarness.SessionSetup("x1"));
        await _h.ChangeAsync(EngineHarness.SessionSetup("x2") with { Enabled = false });

        (await _h.StateAsync("x1"))!.State.Should().Be(MachineState.Observing);
        (await _h.PendingAsync(ActionKind.Observe)).Should().ContainKey("x1").And.NotContainKey("x2");
        (await _h.StateAsync("x2")).Should().BeNull();
        _h.Kicks(ActionKind.Observe).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_node_that_is_off_with_a_boot_target_is_powered_on_and_its_hold_cleared()
    {
        await _h.ChangeAsync(EngineHarness.SessionSetup("x3"));

        await _h.ObserveAsync("x3", "off");

        (await _h.StateAsync("x3"))!.State.Should().Be(MachineState.Acting);
        (await _h.PendingAsync(ActionKind.PowerOn))["x3"].Should().Be("node is off and desired boot artifacts are set");
        var record = await _h.Components.GetAsync("x3");
        record!.Status.Should().BeEquivalentTo(new ComponentStatus { Phase = Phases.PoweringOn, StatusOverride = "" });
        record.Enabled.Should().BeTrue();
    }

    [Fact]
    public async Task A_node_that_is_on_with_an_off_target_is_soft_powered_off()
    {
        await _h.ChangeAsync(EngineHarness.SessionSetup("x4", boot: false));

        await _h.ObserveAsync("x4", "on");

        (await _h.PendingAsync(ActionKind.GracefulOff)).Should().ContainKey("x4");
        (await _h.Components.GetAsync("x4"))!.Status!.Phase.Should().Be(Phases.PoweringOff);
    }

    [Fact]
    public async Task Off_with_an_off_target_is_done_the_component_disabled_and_forgotten()
    {
        await _h.ChangeAsync(EngineHarness.SessionSetup("x5", boot: false));

        await _h.ObserveAsync("x5", "off");

        (await _h.StateAsync("x5")).Should().BeNull();
        var record = await _h.Components.GetAsync("x5");
        record!.Enabled.Should().BeFalse();
        record.Status.Should().BeEquivalentTo(new ComponentStatus { Phase = "", StatusOverride = "" });
    }

    [Fact]
    public async Task After_power_on_the_deadline_brings_a_new_look_and_a_still_off_node_is_powered_on_again()
    {
        await _h.UntilPowerOnRequestedAsync("x6");
        await _h.TakeAsync(ActionKind.PowerOn, "x6");
        await _h.TakeAsync(ActionKind.Observe, "x6");

        // What the power-on operator writes, then its answer.
        await _h.Components.UpdateAsync("x6", c => c with
        {
            LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = Timestamps.Format(DateTimeOffset.UtcNow) },
            EventStats = new EventStats { PowerOnAttempts = 1, PowerOffGracefulAttempts = 0, PowerOffForcefulAttempts = 0 },
        });
        await _h.Engine.HandleAsync([EngineInput.Answered("x6", PowerActionOutcome.Acted)]);
        var waiting = (await _h.StateAsync("x6"))!;
        waiting.State.Should().Be(MachineState.Waiting);
        waiting.DueAtMs.Should().BeCloseTo(DateTimeOffset.UtcNow.AddSeconds(1.25).ToUnixTimeMilliseconds(), 1000, "max_power_on_wait_time is 1 s");

        // The deadline watch finds it due and asks for an observation.
        await Eventually.Until(() => _h.Deadlines.RoundAsync(), _ => _h.StateAsync("x6").Result!.State == MachineState.Observing, "x6 observed after its deadline");
        (await _h.PendingAsync(ActionKind.Observe)).Should().ContainKey("x6");
        await _h.ObserveAsync("x6", "off");

        (await _h.PendingAsync(ActionKind.PowerOn))["x6"].Should().StartWith("still off 1 s");
        (await _h.Components.GetAsync("x6"))!.LastAction!.Failed.Should().BeTrue("S3: still off after max_power_on_wait_time");
    }

    [Fact]
    public async Task An_operators_answer_decides_on_the_record_its_write_left_without_reading_it_again()
    {
        await _h.UntilPowerOnRequestedAsync("x17");
        await _h.TakeAsync(ActionKind.PowerOn, "x17");
        await _h.TakeAsync(ActionKind.Observe, "x17");
        var written = (await _h.Components.UpdateAsync("x17", c => c with
        {
            LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = Timestamps.Format(DateTimeOffset.UtcNow) },
        }))!;
        // A later write (it would send its own change) that a re-read would see: disabled, so the answer would end it.
        await _h.Components.UpdateAsync("x17", c => c with { Enabled = false });

        await _h.Engine.HandleAsync([EngineInput.Answered("x17", PowerActionOutcome.Acted, written)]);

        (await _h.StateAsync("x17"))!.State.Should().Be(MachineState.Waiting, "the answer's own record says powering on, enabled");
    }

    [Fact]
    public async Task The_echo_of_its_own_write_asks_for_nothing()
    {
        await _h.UntilPowerOnRequestedAsync("x7");
        await _h.TakeAsync(ActionKind.Observe, "x7");
        var before = await _h.StateAsync("x7");

        // The outbox would deliver the assessment's write back to the engine, and the power-on write after it.
        var written = (await _h.Components.GetAsync("x7"))!;
        await _h.Engine.HandleAsync([EngineInput.Changed(written)]);
        var powering = await _h.Components.UpdateAsync("x7", c => c with { LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false } });
        await _h.Engine.HandleAsync([EngineInput.Changed(powering!)]);

        (await _h.StateAsync("x7")).Should().Be(before);
        (await _h.PendingAsync(ActionKind.Observe)).Should().NotContainKey("x7");
    }

    [Fact]
    public async Task A_change_from_an_earlier_build_without_its_summary_is_decided_on_the_stored_record()
    {
        await _h.UntilPowerOnRequestedAsync("x7b");
        await _h.TakeAsync(ActionKind.Observe, "x7b");
        var before = await _h.StateAsync("x7b");
        ComponentInputChange Bare(string field) => new() { ComponentId = "x7b", ChangedFields = [field], ChangedAt = DateTimeOffset.UtcNow };

        await _h.Engine.HandleAsync([EngineInput.Changed(Bare("status"))]);
        (await _h.StateAsync("x7b")).Should().Be(before, "the stored record is what the engine saw last: an echo");

        await _h.Components.UpdateAsync("x7b", c => c with { DesiredState = c.DesiredState! with { Configuration = "another" } });
        await _h.Engine.HandleAsync([EngineInput.Changed(Bare("desired_state"))]);
        (await _h.StateAsync("x7b"))!.Fingerprint.Should().NotBe(before!.Fingerprint, "a new desired configuration is news");
    }

    [Fact]
    public async Task A_node_still_on_after_graceful_off_and_the_wait_is_forced_off()
    {
        var old = Timestamps.Format(DateTimeOffset.UtcNow.AddSeconds(-5));
        await _h.ChangeAsync(EngineHarness.SessionSetup("x8", boot: false) with
        {
            Status = new ComponentStatus { Phase = Phases.PoweringOff, StatusOverride = "" },
            LastAction = new LastAction { Action = Actions.PoweringOffGracefully, Failed = false, LastUpdated = old },
        });

        await _h.ObserveAsync("x8", "on");

        (await _h.PendingAsync(ActionKind.ForcefulOff))["x8"].Should().Contain("after powering_off_gracefully");
    }

    [Fact]
    public async Task A_booted_node_whose_CFS_configuration_differs_is_configured_and_watched()
    {
        var booted = EngineHarness.SessionSetup("x9", configuration: "cfg-a");
        await _h.ChangeAsync(booted with { ActualState = new ActualState { BootArtifacts = booted.DesiredState!.BootArtifacts, BssToken = "t" } });

        await _h.ObserveAsync("x9", "on", cfsStatus: "configured", cfsDesiredConfig: "cfg-old");

        (await _h.PendingAsync(ActionKind.Configure)).Should().ContainKey("x9");
        (await _h.StateAsync("x9"))!.State.Should().Be(MachineState.Waiting);
        (await _h.Components.GetAsync("x9"))!.Status!.Phase.Should().Be(Phases.Configuring);
        (await _h.Redis.Store.SortedSetRangeByScoreAsync(ConfiguringComponents.Key, double.NegativeInfinity, double.PositiveInfinity)).Should().Contain("x9");

        await _h.ObserveAsync("x9", "on", cfsStatus: "failed", cfsDesiredConfig: "cfg-a");
        (await _h.StateAsync("x9")).Should().BeNull();
        var record = await _h.Components.GetAsync("x9");
        record!.Enabled.Should().BeFalse();
        record.Status!.StatusOverride.Should().Be(Statuses.Failed);
        record.Error.Should().Be("cfs configuration failed");
    }

    [Fact]
    public async Task A_component_done_as_failed_is_logged_at_information_and_the_other_steps_of_a_component_are_not()
    {
        await _h.ChangeAsync(EngineHarness.SessionSetup("log-off", boot: false));
        await _h.ObserveAsync("log-off", "off");
        var booted = EngineHarness.SessionSetup("log-cfs", configuration: "cfg-a");
        await _h.ChangeAsync(booted with { ActualState = new ActualState { BootArtifacts = booted.DesiredState!.BootArtifacts, BssToken = "t" } });
        await _h.ObserveAsync("log-cfs", "on", cfsStatus: "configured", cfsDesiredConfig: "cfg-old");
        (await _h.PendingAsync(ActionKind.Configure)).Should().ContainKey("log-cfs");

        await _h.ObserveAsync("log-cfs", "on", cfsStatus: "failed", cfsDesiredConfig: "cfg-a");

        var lines = _h.Logs.Entries.Where(e => e.Category == typeof(ComponentEngine).FullName && e.Message.Contains(" log-")).ToList();
        lines.Should().ContainSingle("one line a node would be 100,000 lines for a 100,000-node session: only the failure is one to read")
            .Which.Should().Match<(string Category, LogLevel Level, string Message)>(e => e.Level == LogLevel.Information
                && e.Message.Contains("log-cfs") && e.Message.Contains("done as failed"));
    }

    [Fact]
    public async Task Disabling_forgets_the_component_and_its_due_time()
    {
        await _h.UntilPowerOnRequestedAsync("x10");
        await _h.AnswerPowerOnAsync("x10", DateTimeOffset.UtcNow);
        (await _h.StateAsync("x10"))!.State.Should().Be(MachineState.Waiting);

        await _h.ChangeAsync((await _h.Components.GetAsync("x10"))! with { Enabled = false });

        (await _h.StateAsync("x10")).Should().BeNull();
        (await _h.Redis.Store.SortedSetRangeByScoreAsync(EngineStore.DueKey, double.NegativeInfinity, double.PositiveInfinity)).Should().NotContain("x10");
    }

    [Fact]
    public async Task Missing_CFS_information_puts_the_component_on_hold_disabled()
    {
        await _h.ChangeAsync(EngineHarness.SessionSetup("x11"));

        await _h.ObserveAsync("x11", "off", cfsFound: false);

        (await _h.StateAsync("x11")).Should().BeNull();
        var record = await _h.Components.GetAsync("x11");
        record!.Enabled.Should().BeFalse();
        record.Status!.StatusOverride.Should().Be(Statuses.OnHold);
        record.Error.Should().Be("Component information was not returned by cfs");
    }

    [Fact]
    public async Task A_due_input_before_the_due_time_changes_nothing()
    {
        await _h.UntilPowerOnRequestedAsync("x12");
        // Five minutes ahead: the real deadline is minutes away, so only a stray due input could arrive now.
        await _h.AnswerPowerOnAsync("x12", DateTimeOffset.UtcNow.AddMinutes(5));
        var waiting = await _h.StateAsync("x12");

        await _h.Engine.HandleAsync([EngineInput.Due("x12")]);

        (await _h.StateAsync("x12")).Should().Be(waiting);
    }

    [Fact]
    public async Task An_observation_that_arrives_while_a_power_call_is_out_is_looked_at_again_once_it_is_answered()
    {
        await _h.UntilPowerOnRequestedAsync("x13");
        await _h.TakeAsync(ActionKind.Observe, "x13");

        // E.g. the PCS transition watch saw the node on before the power operator answered.
        await _h.ObserveAsync("x13", "on");
        var acting = (await _h.StateAsync("x13"))!;
        acting.State.Should().Be(MachineState.Acting);
        acting.Dirty.Should().BeTrue();

        await _h.AnswerPowerOnAsync("x13", DateTimeOffset.UtcNow);
        (await _h.StateAsync("x13"))!.State.Should().Be(MachineState.Observing, "it looks again");
        (await _h.PendingAsync(ActionKind.Observe)).Should().ContainKey("x13");
    }

    [Fact]
    public async Task A_component_over_its_retry_limit_is_looked_at_again_at_once()
    {
        await _h.UntilPowerOnRequestedAsync("x14");
        await _h.TakeAsync(ActionKind.Observe, "x14");

        await _h.Engine.HandleAsync([EngineInput.Answered("x14", PowerActionOutcome.RetryLimitHit)]);

        (await _h.StateAsync("x14"))!.State.Should().Be(MachineState.Observing);
        (await _h.PendingAsync(ActionKind.Observe)).Should().ContainKey("x14");
    }

    [Fact]
    public async Task The_reconciler_hands_an_enabled_component_the_engine_does_not_know_to_it()
    {
        await _h.Components.PutManyAsync([EngineHarness.SessionSetup("x15"), EngineHarness.SessionSetup("x16") with { Enabled = false }]);

        await _h.Engine.HandleAsync([EngineInput.Reconciled("x15"), EngineInput.Reconciled("x16")]);

        (await _h.StateAsync("x15"))!.State.Should().Be(MachineState.Observing);
        (await _h.StateAsync("x16")).Should().BeNull();
    }
}
