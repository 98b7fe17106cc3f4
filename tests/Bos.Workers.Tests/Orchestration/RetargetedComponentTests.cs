using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Health;
using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using MassTransit;
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
        const string kept = "rt-late-kept", taken = "rt-late-taken";
        var pcs = new RecordingPcs(whenStarting: () => SetUpByNewerSession(taken));
        await using var drainer = await PowerOn(new AllKnownHsm(), pcs, kept, taken);

        await Eventually.True(async () => (await h.Components.GetAsync(kept))?.EventStats?.PowerOnAttempts == 1, "the power-on's outcome is written");
        pcs.Started.Should().ContainSingle().Which.Xnames.Should().BeEquivalentTo(kept, taken);
        var keptRecord = (await h.Components.GetAsync(kept))!;
        keptRecord.Session.Should().Be("s1");
        keptRecord.LastAction!.Action.Should().Be(Actions.PoweringOn);
        keptRecord.DesiredState!.BssToken.Should().Be(Token);
        var takenRecord = (await h.Components.GetAsync(taken))!;
        takenRecord.Session.Should().Be("s2", "the older session's outcome does not hand the component back");
        takenRecord.LastAction!.Action.Should().Be(Actions.SessionSetup);
        takenRecord.EventStats!.PowerOnAttempts.Should().Be(0);
        takenRecord.DesiredState!.BssToken.Should().BeEmpty();
    }

    [Fact]
    public async Task A_component_set_up_by_a_newer_session_before_the_power_on_acts_is_not_powered_on_for_the_older_one()
    {
        const string kept = "rt-early-kept", taken = "rt-early-taken";
        var pcs = new RecordingPcs();
        await using var drainer = await PowerOn(new AllKnownHsm(whenQueried: () => SetUpByNewerSession(taken)), pcs, kept, taken);

        await Eventually.True(async () => (await h.Components.GetAsync(kept))?.EventStats?.PowerOnAttempts == 1, "the power-on's outcome is written");
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
        await using var drainer = await Drain(configure, ActionKind.Configure, kept, taken);

        await Eventually.True(async () => (await h.Components.GetAsync(kept))?.Error == "CFS refused the patch", "the configuration's error is written");
        var takenRecord = (await h.Components.GetAsync(taken))!;
        takenRecord.Session.Should().Be("s2");
        takenRecord.Error.Should().BeEmpty("the error is about the older session's configuration");
    }

    private const string Token = "referral-1";

    /// <summary>The power-on operator behind a drainer, handed the components as power-on pending; dispose to stop it.</summary>
    private async Task<ServiceProvider> PowerOn(IHsmClient hsm, IPcsClient pcs, params string[] ids)
    {
        await h.Components.PutManyAsync(ids.Select(PowerOnPending).ToList());
        var powerOn = new PowerOnOperator(h.PowerOperatorServices(hsm, pcs), new UnusedIms(), new OneReferralBss(), new AcceptingCfs(),
            h.Services.GetRequiredService<BssTokenStore>(), NullLogger<PowerOnOperator>.Instance);
        return await Drain(powerOn, ActionKind.PowerOn, ids);
    }

    /// <summary>The handler behind a drainer, handed the components as pending; dispose to stop it.</summary>
    private async Task<ServiceProvider> Drain(IActionHandler handler, ActionKind kind, params string[] ids)
    {
        var provider = DrainerHarness.Build(h.Redis.Store, new AlwaysReady(), handler);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        await provider.GetRequiredService<PendingActions>().AddAsync(kind, ids.ToDictionary(id => id, _ => "off"));
        await harness.Bus.Publish(new ActionPending(kind));
        return provider;
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

    private static Component PowerOnPending(string id) => EngineHarness.SessionSetup(id) with
    {
        Status = new ComponentStatus { Phase = Phases.PoweringOn, StatusOverride = "" },
    };

    private static Component Configuring(string id) => EngineHarness.SessionSetup(id, configuration: "c1") with
    {
        Status = new ComponentStatus { Phase = Phases.Configuring, StatusOverride = "" },
    };

    private sealed class OneReferralBss : IBssClient
    {
        public Task<IReadOnlyList<BssReferral>> SetBootParametersAsync(IReadOnlyCollection<string> hosts, string kernelParameters, string kernel, string initrd,
            CancellationToken ct = default) => Task.FromResult<IReadOnlyList<BssReferral>>([new BssReferral(Token, hosts.ToList())]);

        public Task<BssBootParameters?> GetBootParametersAsync(string host, CancellationToken ct = default) => throw new NotSupportedException();
    }

    /// <summary>CFS knowing every component, none configured yet; <paramref name="whenPatched"/> runs on a patch.</summary>
    private sealed class AcceptingCfs(Func<Task>? whenPatched = null) : ICfsClient
    {
        public async Task PatchComponentsAsync(IReadOnlyCollection<string> ids, CfsComponentPatch patch, CancellationToken ct = default)
        {
            if (whenPatched is not null) await whenPatched();
        }

        public Task<IReadOnlyList<CfsComponent>> GetAllComponentsAsync(IReadOnlyDictionary<string, string>? query = null, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<CfsComponent>> GetComponentsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<CfsComponent>>(ids.Select(id => new CfsComponent { Id = id, DesiredConfig = "", ConfigurationStatus = "pending" }).ToList());
    }

    private sealed class UnusedIms : IImsClient
    {
        public Task<ImsImage> GetImageAsync(string imageId, CancellationToken ct = default) => throw new NotSupportedException();

        public Task TagImageAsync(string imageId, string key, string value, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
