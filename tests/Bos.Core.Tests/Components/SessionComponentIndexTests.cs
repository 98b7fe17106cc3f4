using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>
/// The per-session index of components over real Redis: kept by every write and delete, used once built, and never the
/// reason a reader gets a component that does not name the session.
/// </summary>
[NeedsServices]
public sealed class SessionComponentIndexTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(SessionComponentIndexTests));
    private ComponentRepository Repository => new(_redis.Store, new Outbox.Outbox(), TimeProvider.System);

    [Fact]
    public void A_write_moves_a_component_between_the_indexes_of_the_sessions_it_names()
    {
        var before = new Component { Id = "n", Session = "a", StagedState = new StagedState { Session = "s" } };
        var after = before with { Session = "b" };

        SessionComponentIndex.Changes(before, after).Should().BeEquivalentTo(new[] { (false, "a"), (true, "b") });
        SessionComponentIndex.Changes(null, before).Should().BeEquivalentTo(new[] { (true, "a"), (true, "s") });
        SessionComponentIndex.Changes(before, null).Should().BeEquivalentTo(new[] { (false, "a"), (false, "s") });
        SessionComponentIndex.Changes(before, before with { Error = "x" }).Should().BeEmpty();
    }

    // before session, before staged session, after session, after staged session → removed, added ("" is none)
    [Theory]
    [InlineData("a", "", "a", "", "", "")]
    [InlineData("", "", "", "", "", "")]
    [InlineData("a", "a", "a", "", "", "")]
    [InlineData("a", "s", "s", "a", "", "")]
    [InlineData("a", "s", "s", "", "a", "")]
    [InlineData("", "s", "s", "", "", "")]
    [InlineData("a", "a", "b", "b", "a", "b")]
    [InlineData("a", "s", "b", "t", "a,s", "b,t")]
    [InlineData("", "", "a", "s", "", "a,s")]
    [InlineData("a", "", "", "", "a", "")]
    public void A_write_changes_the_indexes_only_of_sessions_it_stops_or_starts_naming(string session, string staged, string newSession, string newStaged,
        string removed, string added)
    {
        static Component Record(string session, string staged) => new() { Id = "n", Session = session, StagedState = staged == "" ? null : new StagedState { Session = staged } };
        static string[] List(string names) => names == "" ? [] : names.Split(',');

        var changes = SessionComponentIndex.Changes(Record(session, staged), Record(newSession, newStaged));

        changes.Where(c => !c.Add).Select(c => c.Session).Should().BeEquivalentTo(List(removed));
        changes.Where(c => c.Add).Select(c => c.Session).Should().BeEquivalentTo(List(added));
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(3, 4)]
    [InlineData(4, 4)]
    [InlineData(9, 4)]
    [InlineData(1, 100)]
    public async Task A_read_that_starts_small_and_grows_returns_every_component_of_the_session_once_in_id_order(int firstChunk, int chunk)
    {
        await Repository.BuildSessionIndexAsync();
        var ids = Enumerable.Range(10, 11).Select(i => $"c{i}").ToList();
        await Repository.PutManyAsync([.. ids.Select(id => new Component { Id = id, Session = "grow" }), new Component { Id = "c15a", Session = "other" }]);

        (await Ids(Repository.ReadSessionAsync("grow", chunk: chunk, firstChunk: firstChunk))).Should().Equal(ids);
        (await Ids(Repository.ReadSessionAsync("grow", after: "c12", chunk: chunk, firstChunk: firstChunk))).Should().Equal(ids.Skip(3));
    }

    [Fact]
    public async Task Writes_and_deletes_keep_the_index_and_a_built_index_answers_a_sessions_components_in_id_order()
    {
        await Repository.BuildSessionIndexAsync();
        await Repository.PutManyAsync([
            new Component { Id = "c2", Session = "boot" },
            new Component { Id = "c1", Session = "boot" },
            new Component { Id = "c3", StagedState = new StagedState { Session = "boot" } },
            new Component { Id = "c4", Session = "other" },
        ]);
        await Repository.UpdateAsync("c2", c => c with { Session = "other" });
        await Repository.DeleteAsync("c3");

        (await Members("boot")).Should().Equal("c1");
        (await Members("other")).Should().Equal("c2", "c4");
        (await Ids(Repository.ReadSessionAsync("other"))).Should().Equal("c2", "c4");
        (await Ids(Repository.ReadSessionAsync("other", after: "c2"))).Should().Equal("c4");
    }

    [Fact]
    public async Task Before_the_index_is_built_a_session_is_read_by_scanning_and_the_build_indexes_what_was_written_before()
    {
        await Repository.PutManyAsync([new Component { Id = "old", Session = "s" }]);
        // Written by a version without the index: the record is there, its index entry is not.
        await _redis.Store.DeleteAsync(SessionComponentIndex.Key("s"));

        (await Ids(Repository.ReadSessionAsync("s"))).Should().Equal("old");

        (await Repository.BuildSessionIndexAsync()).Should().Be(1);
        (await Members("s")).Should().Equal("old");
        (await Ids(Repository.ReadSessionAsync("s"))).Should().Equal("old");
    }

    [Fact]
    public async Task A_stale_index_member_is_not_returned_as_a_component_of_the_session()
    {
        await Repository.BuildSessionIndexAsync();
        await Repository.PutManyAsync([new Component { Id = "moved", Session = "now" }]);
        await _redis.Store.SortedSetAddAsync(SessionComponentIndex.Key("before"), "moved", 0);

        (await Ids(Repository.ReadSessionAsync("before"))).Should().BeEmpty();
    }

    [Fact]
    public async Task A_stored_record_that_is_not_a_component_can_still_be_deleted()
    {
        await _redis.Store.SetAsync(ComponentRepository.Key("broken"), "{not json");

        (await Repository.DeleteAsync("broken")).Should().BeTrue();

        (await _redis.Store.GetAsync(ComponentRepository.Key("broken"))).Should().BeNull();
    }

    private Task<IReadOnlyList<string>> Members(string session) => _redis.Store.SortedSetRangeByLexAsync(SessionComponentIndex.Key(session), null);

    private static async Task<List<string>> Ids(IAsyncEnumerable<Component> records)
    {
        var ids = new List<string>();
        await foreach (var c in records) ids.Add(c.Id!);
        return ids;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();
}
