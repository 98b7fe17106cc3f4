using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>The shared pending calls over real Redis: batches taken from them, finished, or given back when a drainer died.</summary>
[NeedsServices]
public sealed class PendingActionsTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(PendingActionsTests));
    private PendingActions Pending => new(_redis.Store);

    [Fact]
    public async Task A_drainer_takes_at_most_a_batch_and_each_component_once()
    {
        await Pending.AddAsync(ActionKind.PowerOn, Enumerable.Range(0, 5).ToDictionary(i => $"n{i}", _ => "reason"));

        var first = await Pending.TakeAsync(ActionKind.PowerOn, 3);
        var second = await Pending.TakeAsync(ActionKind.PowerOn, 3);

        first.Should().HaveCount(3);
        second.Should().HaveCount(2);
        first.Keys.Concat(second.Keys).Should().OnlyHaveUniqueItems().And.HaveCount(5);
        first.Values.Should().AllBe("reason");
        (await Pending.CountAsync(ActionKind.PowerOn)).Should().Be(0);
    }

    [Fact]
    public async Task A_batch_of_PCS_size_is_taken_whole_though_the_take_moves_it_in_pieces()
    {
        await Pending.AddAsync(ActionKind.PowerOn, Enumerable.Range(0, 3_000).ToDictionary(i => $"n{i}", i => $"r{i}"));

        var taken = await Pending.TakeAsync(ActionKind.PowerOn, 2_500);

        taken.Should().HaveCount(2_500);
        taken.Should().AllSatisfy(e => e.Value.Should().Be("r" + e.Key[1..]));
        (await Pending.CountAsync(ActionKind.PowerOn)).Should().Be(500);
        (await Pending.GiveBackAsync(ActionKind.PowerOn)).Should().Be(2_500, "every id taken is held in flight");
        (await Pending.CountAsync(ActionKind.PowerOn)).Should().Be(3_000);
    }

    [Fact]
    public async Task A_batch_that_was_taken_and_not_finished_is_given_back_and_a_finished_one_is_not()
    {
        await Pending.AddAsync(ActionKind.GracefulOff, new Dictionary<string, string> { ["a"] = "", ["b"] = "", ["c"] = "" });
        var taken = await Pending.TakeAsync(ActionKind.GracefulOff, 3);
        await Pending.DoneAsync(ActionKind.GracefulOff, ["a"]);
        (await Pending.AnyAsync(ActionKind.GracefulOff)).Should().BeTrue("b and c were taken and not finished");

        // The drainer died; the next one gives back what it held.
        (await Pending.GiveBackAsync(ActionKind.GracefulOff)).Should().Be(2);

        taken.Should().HaveCount(3);
        (await Pending.TakeAsync(ActionKind.GracefulOff, 10)).Keys.Should().BeEquivalentTo("b", "c");
    }

    [Fact]
    public async Task Finishing_a_batch_larger_than_one_delete_command_leaves_nothing_in_flight()
    {
        await Pending.AddAsync(ActionKind.Observe, Enumerable.Range(0, 5_000).ToDictionary(i => $"n{i}", _ => ""));
        var taken = await Pending.TakeAsync(ActionKind.Observe, 5_000);

        await Pending.DoneAsync(ActionKind.Observe, taken.Keys.Take(4_500));
        (await Pending.GiveBackAsync(ActionKind.Observe)).Should().Be(500, "only what was not finished is still held");
        await Pending.DoneAsync(ActionKind.Observe, []);

        (await Pending.TakeAsync(ActionKind.Observe, 5_000)).Keys.Should().BeEquivalentTo(taken.Keys.Skip(4_500));
    }

    [Fact]
    public async Task A_newer_request_waiting_for_a_component_wins_over_the_one_given_back()
    {
        await Pending.AddAsync(ActionKind.Observe, new Dictionary<string, string> { ["x"] = "" });
        await Pending.TakeAsync(ActionKind.Observe, 1);
        await Pending.AddAsync(ActionKind.Observe, new Dictionary<string, string> { ["x"] = "off" });

        await Pending.GiveBackAsync(ActionKind.Observe);

        (await Pending.TakeAsync(ActionKind.Observe, 10)).Should().Equal(new Dictionary<string, string> { ["x"] = "off" });
    }

    [Fact]
    public async Task Components_are_taken_in_the_order_they_were_first_asked_for()
    {
        // Ids that sort against the order asked (Redis's time has millisecond steps, and ties go by id).
        foreach (var id in new[] { "c", "b", "a" })
        {
            await Pending.AddAsync(ActionKind.Observe, new Dictionary<string, string> { [id] = "" });
            await Task.Delay(5);
        }
        await Pending.AddAsync(ActionKind.Observe, new Dictionary<string, string> { ["c"] = "off" });

        var taken = new List<string>();
        for (var i = 0; i < 3; i++) taken.AddRange((await Pending.TakeAsync(ActionKind.Observe, 1)).Select(e => $"{e.Key}={e.Value}"));

        taken.Should().Equal("c=off", "b=", "a=");
    }

    [Fact]
    public async Task Components_given_back_are_first_in_line()
    {
        await Pending.AddAsync(ActionKind.PowerOn, new Dictionary<string, string> { ["z"] = "" });
        await Pending.TakeAsync(ActionKind.PowerOn, 1);
        await Task.Delay(5);
        await Pending.AddAsync(ActionKind.PowerOn, new Dictionary<string, string> { ["a"] = "" });

        await Pending.GiveBackAsync(ActionKind.PowerOn);

        (await Pending.TakeAsync(ActionKind.PowerOn, 1)).Keys.Should().Equal("z");
    }

    [Fact]
    public async Task Components_waiting_without_a_place_in_line_are_taken_after_those_in_line()
    {
        // Put in by a build before the line: the hash alone.
        await _redis.Store.HashSetAsync(PendingActions.PendingKey(ActionKind.GracefulOff), "old1", "");
        await _redis.Store.HashSetAsync(PendingActions.PendingKey(ActionKind.GracefulOff), "old2", "");
        await Pending.AddAsync(ActionKind.GracefulOff, new Dictionary<string, string> { ["new"] = "" });

        (await Pending.TakeAsync(ActionKind.GracefulOff, 1)).Keys.Should().Equal("new");
        (await Pending.TakeAsync(ActionKind.GracefulOff, 10)).Keys.Should().BeEquivalentTo("old1", "old2");
        (await Pending.CountAsync(ActionKind.GracefulOff)).Should().Be(0);
    }

    [Fact]
    public async Task A_component_in_line_that_is_no_longer_pending_is_not_taken()
    {
        await Pending.AddAsync(ActionKind.Observe, new Dictionary<string, string> { ["gone"] = "", ["here"] = "" });
        await _redis.Store.HashDeleteAsync(PendingActions.PendingKey(ActionKind.Observe), "gone");

        (await Pending.TakeAsync(ActionKind.Observe, 10)).Keys.Should().Equal("here");
        (await Pending.TakeAsync(ActionKind.Observe, 10)).Should().BeEmpty();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();
}
