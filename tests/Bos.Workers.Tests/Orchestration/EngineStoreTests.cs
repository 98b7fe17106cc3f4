using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// The engine's state writes over real Redis: per component, applied only if its state is still the one read, with its
/// due time and pending action in the same batch.
/// </summary>
[NeedsServices]
public sealed class EngineStoreTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(EngineStoreTests));
    private EngineStore Store => new(_redis.Store);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private static EngineState State(MachineState state, long due = 0) => new() { State = state, Fingerprint = "f", DueAtMs = due };

    private async Task<IReadOnlyList<string>> DueAsync() => await _redis.Store.SortedSetRangeByScoreAsync(EngineStore.DueKey, double.NegativeInfinity, double.PositiveInfinity);

    [Fact]
    public async Task A_batch_stores_the_components_still_as_read_and_returns_the_others_unwritten()
    {
        var observing = State(MachineState.Observing, due: 1_000);
        (await Store.WriteAsync([
            new EngineWrite("a", null, observing, ActionKind.Observe, ""),
            new EngineWrite("b", null, observing, ActionKind.Observe, ""),
            new EngineWrite("c", null, observing, null, ""),
        ])).Should().BeEmpty();
        var read = await Store.ReadAsync(["a", "b", "c", "d"]);

        var conflicts = await Store.WriteAsync([
            new EngineWrite("a", read[0], State(MachineState.Acting, due: 2_000), ActionKind.PowerOn, "hint"),
            new EngineWrite("b", "stale", State(MachineState.Acting, due: 3_000), ActionKind.ForcefulOff, ""),
            new EngineWrite("c", read[2], null, null, ""),
            new EngineWrite("d", null, State(MachineState.Waiting), ActionKind.Configure, "reason"),
        ]);

        conflicts.Should().Equal("b");
        var stored = await Store.ReadAsync(["a", "b", "c", "d"]);
        stored.Should().Equal(State(MachineState.Acting, due: 2_000).Serialize(), observing.Serialize(), null, State(MachineState.Waiting).Serialize());
        (await DueAsync()).Should().Equal("b", "a");
        (await _redis.Store.HashGetAllAsync(PendingActions.PendingKey(ActionKind.PowerOn))).Should().Equal(new Dictionary<string, string> { ["a"] = "hint" });
        (await _redis.Store.HashGetAllAsync(PendingActions.PendingKey(ActionKind.Configure))).Should().Equal(new Dictionary<string, string> { ["d"] = "reason" });
        (await _redis.Store.ExistsAsync(PendingActions.PendingKey(ActionKind.ForcefulOff))).Should().BeFalse("b's step was not applied");
        (await _redis.Store.HashGetAllAsync(PendingActions.PendingKey(ActionKind.Observe))).Keys.Should().BeEquivalentTo("a", "b");
    }

    [Fact]
    public async Task A_component_named_twice_in_a_batch_is_compared_the_second_time_against_its_first_write()
    {
        var first = State(MachineState.Observing, due: 1_000);
        var second = State(MachineState.Waiting);

        (await Store.WriteAsync([
            new EngineWrite("a", null, first, ActionKind.Observe, ""),
            new EngineWrite("a", first.Serialize(), second, null, ""),
            new EngineWrite("a", first.Serialize(), State(MachineState.Acting), ActionKind.PowerOn, ""),
        ])).Should().Equal("a");

        (await Store.ReadAsync(["a"])).Should().Equal(second.Serialize());
        (await DueAsync()).Should().BeEmpty("the last write applied has no due time");
        (await _redis.Store.ExistsAsync(PendingActions.PendingKey(ActionKind.PowerOn))).Should().BeFalse();
        (await _redis.Store.HashGetAllAsync(PendingActions.PendingKey(ActionKind.Observe))).Keys.Should().Equal("a");
    }

    [Fact]
    public async Task The_calls_a_step_asks_for_are_in_line_before_those_asked_for_after_it()
    {
        var pending = new PendingActions(_redis.Store);
        await pending.AddAsync(ActionKind.Observe, new Dictionary<string, string> { ["0"] = "off" });
        await Task.Delay(5);
        await Store.WriteAsync([
            new EngineWrite("c", null, State(MachineState.Observing), ActionKind.Observe, ""),
            new EngineWrite("b", null, State(MachineState.Observing), ActionKind.Observe, ""),
        ]);
        await Task.Delay(5);
        await pending.AddAsync(ActionKind.Observe, new Dictionary<string, string> { ["a"] = "off" });

        (await pending.TakeAsync(ActionKind.Observe, 1)).Keys.Should().Equal("0");
        (await pending.TakeAsync(ActionKind.Observe, 2)).Keys.Should().BeEquivalentTo("b", "c");
        (await pending.TakeAsync(ActionKind.Observe, 2)).Keys.Should().Equal("a");
    }
}
