using System.Collections.Concurrent;
using Bos.Core.Health;
using Bos.Core.Options;
using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>A drain starts the next batch once the one in hand has acted, never holding more than two.</summary>
[NeedsServices]
public sealed class PendingActionPipelineTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(PendingActionPipelineTests));

    [Fact]
    public async Task The_next_batch_acts_while_the_previous_one_writes_its_outcome_and_never_more_than_two_are_in_hand()
    {
        var handler = new GatedHandler();
        await using var provider = DrainerHarness.Build(_redis.Store, new AlwaysReady(), handler);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var pending = provider.GetRequiredService<PendingActions>();
        await pending.AddAsync(ActionKind.Observe, new Dictionary<string, string> { ["a"] = "", ["b"] = "", ["c"] = "" });

        await harness.Bus.Publish(new ActionPending(ActionKind.Observe));

        await Eventually.Until(() => Task.FromResult(handler.Started.Count), n => n == 2, "a second batch started while the first writes its outcome");
        await Eventually.Never(() => Task.FromResult(handler.Started.Count > 2), "a third batch started with two in hand", TimeSpan.FromSeconds(1));
        handler.Ended.Should().BeEmpty("both batches are still writing their outcome");

        handler.Finish(handler.Started[0]);
        await Eventually.Until(() => Task.FromResult(handler.Started.Count), n => n == 3, "the third batch starts once the first has ended");
        handler.Finish(handler.Started[1]);
        handler.Finish(handler.Started[2]);
        await Eventually.Until(() => Task.FromResult(handler.Ended.Count), n => n == 3, "every batch ended");
        (await harness.GetConsumerHarness<PendingActionConsumer>().Consumed.Any<ActionPending>()).Should().BeTrue();
        handler.Started.Should().BeEquivalentTo(["a", "b", "c"]);
    }

    /// <summary>Takes one component a batch, acts at once, then writes its outcome only when the test lets it.</summary>
    private sealed class GatedHandler : IActionHandler
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

        public List<string> Started { get; } = [];

        public ConcurrentQueue<string> Ended { get; } = new();

        public ActionKind Kind => ActionKind.Observe;

        public int BatchSize(BosOptions options) => 1;

        public void Finish(string id) => Gate(id).TrySetResult();

        private TaskCompletionSource Gate(string id) => _gates.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public async Task HandleAsync(IReadOnlyDictionary<string, string> batch, ConsumeContext context, Action acted)
        {
            var id = batch.Keys.Single();
            lock (Started) Started.Add(id);
            acted();
            await Gate(id).Task;
            Ended.Enqueue(id);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();
}
