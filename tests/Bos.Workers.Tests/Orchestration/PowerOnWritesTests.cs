using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// The power-on writes its outcome (last_action powering_on, the attempt, the BSS token) once, right before PCS is
/// called: a node is never on without it, and a call that changes nothing needs no second write, nor a read of the
/// record (D-26). A call that fails, or shows a retry, writes again after it.
/// </summary>
[NeedsServices]
public sealed class PowerOnWritesTests(EngineHarness h) : IClassFixture<EngineHarness>
{
    [Fact]
    public async Task A_successful_power_on_writes_its_outcome_before_PCS_is_called_and_leaves_the_record_alone_after()
    {
        const string node = "pw-once";
        var (records, calls) = RecordingRedisStore.Over(h.Redis.Store);
        Component? whenCalled = null;
        var callsWhenCalled = 0;
        var pcs = new RecordingPcs(whenStarting: async () =>
        {
            callsWhenCalled = calls.Naming(ComponentRepository.Key(node));
            whenCalled = await h.Components.GetAsync(node);
        });

        await using var drainer = await PowerOnAsync(node, pcs, records);

        await Eventually.True(async () => pcs.Started.Count == 1 && await h.DrainedAsync(ActionKind.PowerOn, node), "the batch is done");
        whenCalled!.LastAction!.Action.Should().Be(Actions.PoweringOn);
        whenCalled.EventStats!.PowerOnAttempts.Should().Be(1);
        whenCalled.DesiredState!.BssToken.Should().Be(EngineHarness.ReferralToken);
        whenCalled.Error.Should().BeEmpty();
        calls.Naming(ComponentRepository.Key(node)).Should().Be(callsWhenCalled, "the write before the call is the outcome");
        (await h.Components.GetAsync(node)).Should().BeEquivalentTo(whenCalled);
    }

    [Fact]
    public async Task A_power_on_whose_PCS_call_fails_writes_the_error_after_the_call()
    {
        const string node = "pw-failed";
        var pcs = new RecordingPcs(whenStarting: () => throw new InvalidOperationException("PCS refused"));

        await using var drainer = await PowerOnAsync(node, pcs);

        await Eventually.True(async () => (await h.Components.GetAsync(node))?.Error is { Length: > 0 } && await h.DrainedAsync(ActionKind.PowerOn, node), "the error is written");
        var record = (await h.Components.GetAsync(node))!;
        record.Error.Should().Be("Error encountered calling CAPMC to power on: InvalidOperationException: PCS refused");
        record.LastAction!.Action.Should().Be(Actions.PoweringOn);
        record.EventStats!.PowerOnAttempts.Should().Be(1, "one attempt, written twice");
    }

    [Fact]
    public async Task A_power_on_whose_PCS_call_succeeds_after_a_retry_clears_the_error_the_retry_showed()
    {
        const string node = "pw-retried";
        var retry = new ServiceAttemptFailure("pcs", "POST", new Uri("http://pcs/transitions"), 503, "Service Unavailable", null, 1, 10, TimeSpan.Zero);
        string? shownWhileRetried = null;
        var pcs = new RecordingPcs(whenStarting: async () =>
        {
            await ServiceAttempts.ReportAsync(retry, NullLogger.Instance);
            shownWhileRetried = (await h.Components.GetAsync(node))!.Error;
        });

        await using var drainer = await PowerOnAsync(node, pcs);

        await Eventually.True(async () => pcs.Started.Count == 1 && await h.DrainedAsync(ActionKind.PowerOn, node), "the batch is done");
        shownWhileRetried.Should().Contain("retrying");
        (await h.Components.GetAsync(node))!.Error.Should().BeEmpty("the call succeeded");
    }

    /// <summary>The component power-on pending, then the power-on operator behind a drainer (its records through <paramref name="records"/>).</summary>
    private async Task<ServiceProvider> PowerOnAsync(string node, RecordingPcs pcs, Core.Redis.IRedisStore? records = null)
    {
        await h.Components.PutManyAsync([EngineHarness.PowerOnPending(node)]);
        return await h.DrainAsync(h.PowerOnOperator(new AllKnownHsm(), pcs, records: records), ActionKind.PowerOn, node);
    }
}
