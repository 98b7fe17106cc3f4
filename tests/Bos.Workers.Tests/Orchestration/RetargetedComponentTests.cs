using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// A newer session may set a component up while a power-on or a configuration for the older one is out. Their writes
/// belong to the target they were decided for (<see cref="ComponentTargetRule"/>, D-25): the newer session keeps the
/// component, and a component taken before the power-on acts is not powered on for the older session at all.
/// </summary>
[NeedsServices]
public sealed class RetargetedComponentTests(EngineHarness h) : IClassFixture<EngineHarness>
{
    [Fact]
    public async Task A_component_set_up_by_a_newer_session_while_its_power_on_is_out_keeps_the_newer_session()
    {
        // PCS fails after the newer setup, so the power-on writes its outcome (the error) after the call.
        const string kept = "rt-late-kept", taken = "rt-late-taken";
        var pcs = new RecordingPcs(whenStarting: async () =>
        {
            await SetUpByNewerSession(taken);
            throw new InvalidOperationException("PCS refused");
        });
        await using var drainer = await PowerOn(new AllKnownHsm(), pcs, kept, taken);

        await Eventually.True(async () => (await h.Components.GetAsync(kept))?.Error is { Length: > 0 }, "the power-on's outcome is written");
        var keptRecord = (await h.Components.GetAsync(kept))!;
        keptRecord.Session.Should().Be("s1");
        keptRecord.LastAction!.Action.Should().Be(Actions.PoweringOn);
        keptRecord.Error.Should().Be("Error encountered calling CAPMC to power on: InvalidOperationException: PCS refused");
        keptRecord.EventStats!.PowerOnAttempts.Should().Be(1);
        keptRecord.DesiredState!.BssToken.Should().Be(EngineHarness.ReferralToken);
        var takenRecord = (await h.Components.GetAsync(taken))!;
        takenRecord.Session.Should().Be("s2", "the older session's outcome does not hand the component back");
        takenRecord.LastAction!.Action.Should().Be(Actions.SessionSetup);
        takenRecord.EventStats!.PowerOnAttempts.Should().Be(0, "the newer target resets the counters");
        takenRecord.Error.Should().BeEmpty("the error is about the older session's power-on");
    }

    [Fact]
    public async Task A_component_set_up_by_a_newer_session_while_a_successful_power_on_is_out_keeps_the_newer_session()
    {
        const string kept = "rt-ok-kept", taken = "rt-ok-taken";
        var pcs = new RecordingPcs(whenStarting: () => SetUpByNewerSession(taken));
        await using var drainer = await PowerOn(new AllKnownHsm(), pcs, kept, taken);

        await Eventually.True(async () => pcs.Started.Count == 1
            && await h.DrainedAsync(ActionKind.PowerOn, kept), "the batch is done");
        (await h.Components.GetAsync(kept))!.Session.Should().Be("s1");
        var takenRecord = (await h.Components.GetAsync(taken))!;
        takenRecord.Session.Should().Be("s2");
        takenRecord.LastAction!.Action.Should().Be(Actions.SessionSetup);
        takenRecord.EventStats!.PowerOnAttempts.Should().Be(0);
    }

    [Fact]
    public async Task A_component_set_up_by_a_newer_session_before_the_power_on_acts_is_not_powered_on_for_the_older_one()
    {
        const string kept = "rt-early-kept", taken = "rt-early-taken";
        var pcs = new RecordingPcs();
        await using var drainer = await PowerOn(new AllKnownHsm(whenQueried: () => SetUpByNewerSession(taken)), pcs, kept, taken);

        await Eventually.True(async () => pcs.Started.Count == 1 && (await h.Components.GetAsync(kept))?.EventStats?.PowerOnAttempts == 1, "PCS is called");
        pcs.Started.Should().ContainSingle().Which.Xnames.Should().Equal(kept);
        var takenRecord = (await h.Components.GetAsync(taken))!;
        takenRecord.Session.Should().Be("s2");
        takenRecord.LastAction!.Action.Should().Be(Actions.SessionSetup, "not preset to powering_on for the older session");
    }

    [Fact]
    public async Task A_component_set_up_by_a_newer_session_while_its_configuration_is_sent_does_not_get_the_older_ones_error()
    {
        const string kept = "rt-cfs-kept", taken = "rt-cfs-taken";
        await h.Components.PutManyAsync(new[] { kept, taken }.Select(Configuring).ToList());
        var cfs = new AcceptingCfs(whenPatched: async () =>
        {
            await SetUpByNewerSession(taken);
            throw new InvalidOperationException("CFS refused the patch");
        });
        var configure = new ConfigurationHandler(h.Components, Writer, cfs, NullLogger<ConfigurationHandler>.Instance);
        await using var drainer = await h.DrainAsync(configure, ActionKind.Configure, kept, taken);

        await Eventually.True(async () => (await h.Components.GetAsync(kept))?.Error == "CFS refused the patch", "the configuration's error is written");
        var takenRecord = (await h.Components.GetAsync(taken))!;
        takenRecord.Session.Should().Be("s2");
        takenRecord.Error.Should().BeEmpty("the error is about the older session's configuration");
    }

    /// <summary>The power-on operator behind a drainer, handed the components as power-on pending; dispose to stop it.</summary>
    private async Task<ServiceProvider> PowerOn(IHsmClient hsm, IPcsClient pcs, params string[] ids)
    {
        await h.Components.PutManyAsync(ids.Select(EngineHarness.PowerOnPending).ToList());
        return await h.DrainAsync(h.PowerOnOperator(hsm, pcs), ActionKind.PowerOn, ids);
    }

    private ComponentWriter Writer => h.Services.GetRequiredService<ComponentWriter>();

    /// <summary>What a newer session's setup writes (SessionTargets.Patch): same image, its own session.</summary>
    private Task SetUpByNewerSession(string id) => Writer.PatchAsync([new Component
    {
        Id = id,
        Error = "",
        Session = "s2",
        Enabled = true,
        DesiredState = EngineHarness.SessionSetup(id).DesiredState! with { BssToken = null },
        LastAction = new LastAction { Action = Actions.SessionSetup, Failed = false },
    }]);

    private static Component Configuring(string id) => EngineHarness.SessionSetup(id, configuration: "c1") with
    {
        Status = new ComponentStatus { Phase = Phases.Configuring, StatusOverride = "" },
    };
}
