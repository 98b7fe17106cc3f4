using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Health;
using Bos.Core.Options;
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
/// A power operator keeps what one batch's calls produced (the power-on's BSS tokens) in a field of its own, and the
/// drainer starts the next batch on the same operator as soon as the first has acted: each batch's outcome must be
/// written with its own results, whatever the next batch does meanwhile.
/// </summary>
[NeedsServices]
public sealed class PowerOperatorBatchResultsTests(EngineHarness h) : IClassFixture<EngineHarness>
{
    [Fact]
    public async Task A_batch_writes_its_own_results_even_when_the_next_batch_acts_before_its_outcome_is_written()
    {
        var first = new[] { "pb-1a", "pb-1b" };
        var second = new[] { "pb-2a", "pb-2b" };
        await h.Components.PutManyAsync(first.Concat(second).Select(EngineHarness.PowerOnPending).ToList());
        var operatorUnderTest = new StampingOperator(h.PowerOperatorServices(new AllKnownHsm(), new RecordingPcs()));
        // The drainer hands the first batch over; the moment it has acted, the second batch runs to its end on the same
        // operator (the harshest order the drainer allows) before the first goes on to write its outcome.
        var handler = new SecondBatchWhenActed(operatorUnderTest, second);
        await using var provider = DrainerHarness.Build(h.Redis.Store, new AlwaysReady(), handler);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        await provider.GetRequiredService<PendingActions>().AddAsync(ActionKind.PowerOn, first.ToDictionary(id => id, _ => "off"));

        await harness.Bus.Publish(new ActionPending(ActionKind.PowerOn));

        await Eventually.True(async () => (await h.Components.GetManyAsync(first)).All(c => c?.LastAction?.Action == Actions.PoweringOn),
            "the first batch's outcome is written");
        foreach (var record in await h.Components.GetManyAsync(first.Concat(second).ToList()))
            record!.DesiredState!.BssToken.Should().Be(StampingOperator.StampOf(record.Id!.StartsWith("pb-1", StringComparison.Ordinal) ? first : second),
                $"{record.Id}'s outcome carries what its own batch produced");
    }

    /// <summary>Like the power-on's BSS tokens: a per-batch field, filled when the batch acts, read into its outcome.</summary>
    private sealed class StampingOperator(PowerOperatorServices services) : PowerOperator(services, NullLogger.Instance)
    {
        private readonly Dictionary<string, string> _stamps = [];

        public static string StampOf(IEnumerable<string> batch) => "stamp-" + string.Join('+', batch.Order(StringComparer.Ordinal));

        protected override string Action => Actions.PoweringOn;

        protected override RetryCounter Counter => RetryCounter.PowerOn;

        public override ActionKind Kind => ActionKind.PowerOn;

        protected override string Verb => "power on";

        protected override Task<IReadOnlyList<TransitionStarted>> ActAsync(IReadOnlyList<Component> chunk, Dictionary<string, string> errors, CancellationToken ct)
        {
            _stamps.Clear();
            foreach (var c in chunk) _stamps[c.Id!] = StampOf(chunk.Select(x => x.Id!));
            return Task.FromResult<IReadOnlyList<TransitionStarted>>([]);
        }

        protected override Component WithActionResults(Component component, Component patch) =>
            _stamps.TryGetValue(component.Id!, out var stamp) ? patch with { DesiredState = new DesiredState { BssToken = stamp } } : patch;
    }

    private sealed class SecondBatchWhenActed(StampingOperator power, IReadOnlyList<string> second) : IActionHandler
    {
        public ActionKind Kind => ActionKind.PowerOn;

        public int BatchSize(BosOptions options) => 2;

        public Task HandleAsync(IReadOnlyDictionary<string, string> batch, ConsumeContext context, Action acted) =>
            power.HandleAsync(batch, context, () =>
            {
                power.HandleAsync(second.ToDictionary(id => id, _ => "off"), context, () => { }).GetAwaiter().GetResult();
                acted();
            });
    }
}
