using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Json;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>
/// A batch of component writes over real Redis, stored by one script: all of it or nothing, every session index and
/// state count moved, whatever the mix of records in the batch.
/// </summary>
[NeedsServices]
public sealed class ComponentBatchWriteTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(ComponentBatchWriteTests));
    private ComponentRepository Repository => new(_redis.Store, new Outbox.Outbox(), TimeProvider.System);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private static Component Record(string id, string phase, bool enabled, string? session = null) => new()
    {
        Id = id, Enabled = enabled, Session = session, Status = new ComponentStatus { Phase = phase, StatusOverride = "" },
        LastAction = new LastAction { Action = Actions.SessionSetup, Failed = false },
    };

    private const string Stable = "|stable|false", PoweringOn = "powering_on|power_on_pending|true", Configuring = "configuring|configuring|true";

    private Task<IReadOnlyList<string>> MembersAsync(string session) => _redis.Store.SortedSetRangeByLexAsync(SessionComponentIndex.Key(session), null);

    // Everything a component write touches, as text.
    private async Task<List<string>> StoredAsync(params string[] ids)
    {
        var stored = new List<string>();
        foreach (var id in ids)
        {
            stored.Add($"{id}: {await _redis.Store.GetAsync(ComponentRepository.Key(id))}");
            stored.Add($"{id} history: {string.Join(",", await _redis.Store.ListRangeAsync(ComponentHistoryStore.Key(id), 0, -1))}");
        }
        stored.Add("outbox: " + string.Join(",", await _redis.Store.ListRangeAsync(Outbox.Outbox.ListKey, 0, -1)));
        stored.Add("ids: " + string.Join(",", await _redis.Store.SortedSetRangeByLexAsync(ComponentRepository.IndexKey, null)));
        stored.Add("states: " + string.Join(",", (await _redis.Store.HashGetAllAsync(ComponentStateCounts.StateKey)).OrderBy(e => e.Key)));
        stored.Add("counts: " + string.Join(",", (await _redis.Store.HashGetAllAsync(ComponentStateCounts.CountsKey)).OrderBy(e => e.Key)));
        foreach (var session in new[] { "s1", "s2" }) stored.Add($"{session}: {string.Join(",", await MembersAsync(session))}");
        return stored;
    }

    [Fact]
    public async Task A_batch_in_which_one_record_changed_since_it_was_read_writes_nothing_at_all_and_is_then_written_again()
    {
        await Repository.PutManyAsync([Record("a", "", false, "s1"), Record("b", "", false, "s1")]);
        List<string>? beforeAttempt = null, afterFailedAttempt = null;
        var calls = new Dictionary<string, int>();

        await Repository.UpdateManyAsync(["a", "b", "c"], (id, record) =>
        {
            calls[id] = calls.GetValueOrDefault(id) + 1;
            if (id == "b" && calls[id] == 1)
            {
                // Another writer changes b after this batch read it: the batch's expected value for b is stale.
                _redis.Store.SetAsync(ComponentRepository.Key("b"), BosJson.Serialize(record! with { Error = "meanwhile" })).GetAwaiter().GetResult();
                beforeAttempt = StoredAsync("a", "b", "c").GetAwaiter().GetResult();
            }
            if (id == "a" && calls[id] == 2) afterFailedAttempt = StoredAsync("a", "b", "c").GetAwaiter().GetResult();
            return id == "c" ? Record("c", Phases.Configuring, true, "s2") : record! with { Enabled = true, Session = "s2", Status = record.Status! with { Phase = Phases.PoweringOn } };
        }, createMissing: true);

        calls.Should().Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 2, ["c"] = 2 }, "the stale batch is read and computed again");
        afterFailedAttempt.Should().Equal(beforeAttempt, "no SET, index entry, outbox entry, history entry, count or session move of the failed attempt is stored");
        var stored = await StoredAsync("a", "b", "c");
        stored.Should().NotEqual(beforeAttempt);
        (await _redis.Store.ListLengthAsync(Outbox.Outbox.ListKey)).Should().Be(2 + 3, "two creations, then one event per record of the batch");
        (await Repository.GetAsync("b"))!.Error.Should().Be("meanwhile", "the retry starts from the other writer's record");
        (await MembersAsync("s1")).Should().BeEmpty();
        (await MembersAsync("s2")).Should().Equal("a", "b", "c");
    }

    [Fact]
    public async Task A_record_the_change_leaves_as_stored_is_not_written_and_sends_no_event()
    {
        await Repository.PutManyAsync([Record("a", "", false, "s1"), Record("b", "", false, "s1")]);
        var before = await StoredAsync("a", "b");

        var written = await Repository.UpdateManyAsync(["a", "b"], (id, record) => id == "a" ? record! with { } : record! with { Enabled = true });

        written.Select(r => r.Id).Should().Equal("a", "b");
        var after = await StoredAsync("a", "b");
        after[0].Should().Be(before[0], "a's record is left as it was");
        after[1].Should().Be(before[1], "and gets no history entry");
        (await _redis.Store.ListLengthAsync(Outbox.Outbox.ListKey)).Should().Be(2 + 1, "two creations, then b's change alone");
        (await Repository.GetAsync("b"))!.Enabled.Should().BeTrue();
    }

    [Fact]
    public async Task A_batch_over_several_sessions_moves_every_record_between_their_indexes()
    {
        await Repository.PutManyAsync([
            Record("a", "", false, "s1"), Record("b", "", false, "s1"),
            Record("c", "", false, "s2") with { StagedState = new StagedState { Session = "s3" } },
            Record("d", "", false, "s2"), Record("e", "", false),
        ]);

        await Repository.UpdateManyAsync(["a", "b", "c", "d", "e"], (id, record) => id switch
        {
            "a" => record! with { Session = "s2" },
            "b" => record! with { Session = "", StagedState = new StagedState { Session = "s3" } },
            "c" => record! with { Session = "s1", StagedState = new StagedState() },
            "d" => record! with { Session = "s3" },
            _ => record! with { Session = "s1" },
        });

        (await MembersAsync("s1")).Should().Equal("c", "e");
        (await MembersAsync("s2")).Should().Equal("a");
        (await MembersAsync("s3")).Should().Equal("b", "d");
    }

    [Fact]
    public async Task Counts_stay_exact_over_a_batch_in_which_records_change_state_swap_states_and_are_created()
    {
        await Repository.PutManyAsync([Record("a", "", false), Record("b", Phases.PoweringOn, true), Record("c", Phases.PoweringOn, true), Record("d", "", false)]);

        await Repository.UpdateManyAsync(["a", "b", "c", "d", "e"], (id, record) => id switch
        {
            "a" => Record("a", Phases.PoweringOn, true),
            "b" => Record("b", "", false),
            "c" => Record("c", Phases.Configuring, true),
            "d" => record! with { Error = "changed, state kept" },
            _ => Record("e", Phases.Configuring, true),
        }, createMissing: true);

        (await _redis.Store.HashGetAllAsync(ComponentStateCounts.CountsKey)).Should().BeEquivalentTo(
            new Dictionary<string, string> { [Stable] = "2", [PoweringOn] = "1", [Configuring] = "2" });
        (await _redis.Store.HashGetAllAsync(ComponentStateCounts.StateKey)).Should().BeEquivalentTo(
            new Dictionary<string, string> { ["a"] = PoweringOn, ["b"] = Stable, ["c"] = Configuring, ["d"] = Stable, ["e"] = Configuring });
    }
}
