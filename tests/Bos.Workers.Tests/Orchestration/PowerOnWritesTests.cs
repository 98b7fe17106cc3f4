using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// The power-on writes its outcome (last_action powering_on, the attempt, the BSS token) once, right before PCS is
/// called: a node is never on without it, and a call that changes nothing needs no second write (D-26). A call that
/// fails writes its error after it.
/// </summary>
[NeedsServices]
public sealed class PowerOnWritesTests(EngineHarness h) : IClassFixture<EngineHarness>
{
    [Fact]
    public async Task A_successful_power_on_writes_each_component_once_and_before_PCS_is_called()
    {
        const string node = "pw-once";
        Component? whenCalled = null;
        var pcs = new RecordingPcs(whenStarting: async () => whenCalled = await h.Components.GetAsync(node));
        await PowerOnPendingAsync(node);
        var writesBefore = await WritesAsync(node);

        await using var drainer = await PowerOnAsync(pcs, node);

        await Eventually.True(async () => pcs.Started.Count == 1 && await DoneAsync(node), "the batch is done");
        whenCalled!.LastAction!.Action.Should().Be(Actions.PoweringOn);
        whenCalled.EventStats!.PowerOnAttempts.Should().Be(1);
        whenCalled.DesiredState!.BssToken.Should().Be(EngineHarness.ReferralToken);
        whenCalled.Error.Should().BeEmpty();
        (await WritesAsync(node) - writesBefore).Should().Be(1, "the write before the call is the outcome");
        (await h.Components.GetAsync(node)).Should().BeEquivalentTo(whenCalled);
    }

    [Fact]
    public async Task A_power_on_whose_PCS_call_fails_writes_the_error_after_the_call()
    {
        const string node = "pw-failed";
        var pcs = new RecordingPcs(whenStarting: () => throw new InvalidOperationException("PCS refused"));
        await PowerOnPendingAsync(node);
        var writesBefore = await WritesAsync(node);

        await using var drainer = await PowerOnAsync(pcs, node);

        await Eventually.True(async () => (await h.Components.GetAsync(node))?.Error is { Length: > 0 } && await DoneAsync(node), "the error is written");
        var record = (await h.Components.GetAsync(node))!;
        record.Error.Should().Be("Error encountered calling CAPMC to power on: InvalidOperationException: PCS refused");
        record.LastAction!.Action.Should().Be(Actions.PoweringOn);
        record.EventStats!.PowerOnAttempts.Should().Be(1, "one attempt, written twice");
        (await WritesAsync(node) - writesBefore).Should().Be(2);
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
        await PowerOnPendingAsync(node);
        var writesBefore = await WritesAsync(node);

        await using var drainer = await PowerOnAsync(pcs, node);

        await Eventually.True(async () => pcs.Started.Count == 1 && await DoneAsync(node), "the batch is done");
        shownWhileRetried.Should().Contain("retrying");
        (await h.Components.GetAsync(node))!.Error.Should().BeEmpty("the call succeeded");
        (await WritesAsync(node) - writesBefore).Should().Be(3, "the outcome, the retry's error, the outcome again");
    }

    private Task PowerOnPendingAsync(string node) => h.Components.PutManyAsync([EngineHarness.SessionSetup(node) with
    {
        Status = new ComponentStatus { Phase = Phases.PoweringOn, StatusOverride = "" },
    }]);

    private Task<ServiceProvider> PowerOnAsync(RecordingPcs pcs, string node) =>
        h.DrainAsync(h.PowerOnOperator(new AllKnownHsm(), pcs), ActionKind.PowerOn, node);

    /// <summary>Whether the drainer has finished the batch holding <paramref name="id"/> (its in-flight entry removed).</summary>
    private async Task<bool> DoneAsync(string id) =>
        !(await h.Redis.Store.HashGetAllAsync(PendingActions.InflightKey(ActionKind.PowerOn))).ContainsKey(id)
        && !(await h.PendingAsync(ActionKind.PowerOn)).ContainsKey(id);

    /// <summary>The change events written for <paramref name="id"/> so far: one per record write (the harness runs no relay).</summary>
    private async Task<int> WritesAsync(string id) =>
        (await h.Redis.Store.ListRangeAsync(Core.Outbox.Outbox.ListKey, 0, -1)).Count(e => e.Contains($"\"{id}\"", StringComparison.Ordinal));
}
