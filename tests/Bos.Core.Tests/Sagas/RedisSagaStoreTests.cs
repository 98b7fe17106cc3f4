using Bos.Core.Sagas;
using Bos.Testing;
using FluentAssertions;
using MassTransit;
using Xunit;

namespace Bos.Core.Tests.Sagas;

/// <summary>The saga store's create/load/update/delete and its optimistic concurrency, against the real Redis.</summary>
[NeedsServices]
public sealed class RedisSagaStoreTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(RedisSagaStoreTests));
    private RedisSagaStore<CounterState> Store => new(_redis.Store, new RedisSagaRepositoryOptions<CounterState>("counter"));

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Insert_then_load_round_trips_the_instance_at_version_1()
    {
        var saga = new CounterState { CorrelationId = Guid.NewGuid(), CurrentState = "Counting", Count = 3 };
        await Store.InsertAsync(saga);

        var loaded = await Store.LoadAsync(saga.CorrelationId);
        loaded.Should().BeEquivalentTo(new CounterState { CorrelationId = saga.CorrelationId, CurrentState = "Counting", Count = 3, Version = 1 });
        (await _redis.Store.HashGetAllAsync(Store.Key(saga.CorrelationId))).Keys.Should().BeEquivalentTo("v", "d");
        (await Store.LoadAsync(Guid.NewGuid())).Should().BeNull();
    }

    [Fact]
    public async Task A_second_insert_of_the_same_id_is_refused()
    {
        var id = Guid.NewGuid();
        await Store.InsertAsync(new CounterState { CorrelationId = id, Count = 1 });

        (await Store.TryInsertAsync(new CounterState { CorrelationId = id, Count = 2 })).Should().BeFalse();
        await FluentActions.Awaiting(() => Store.InsertAsync(new CounterState { CorrelationId = id, Count = 2 }))
            .Should().ThrowAsync<ConcurrencyException>();
        (await Store.LoadAsync(id))!.Count.Should().Be(1);
    }

    [Fact]
    public async Task Update_bumps_the_version_and_a_stale_copy_loses()
    {
        var id = Guid.NewGuid();
        await Store.InsertAsync(new CounterState { CorrelationId = id });
        var first = (await Store.LoadAsync(id))!;
        var second = (await Store.LoadAsync(id))!;

        first.Count = 10;
        await Store.UpdateAsync(first);
        first.Version.Should().Be(2);

        second.Count = 20;
        await FluentActions.Awaiting(() => Store.UpdateAsync(second)).Should().ThrowAsync<ConcurrencyException>();
        second.Version.Should().Be(1, "a failed update leaves the in-memory version as loaded");
        var stored = (await Store.LoadAsync(id))!;
        stored.Count.Should().Be(10);
        stored.Version.Should().Be(2);
    }

    [Fact]
    public async Task An_instance_left_unchanged_is_not_written_again()
    {
        var id = Guid.NewGuid();
        await Store.InsertAsync(new CounterState { CorrelationId = id, Count = 1 });
        var unchanged = (await Store.LoadAsync(id))!;
        var changed = (await Store.LoadAsync(id))!;

        await Store.UpdateAsync(unchanged);
        (await _redis.Store.HashGetAsync(Store.Key(id), "v")).Should().Be("1", "nothing changed, so nothing was written");

        changed.Count = 2;
        await Store.UpdateAsync(changed);
        changed.Count = 3;
        await Store.UpdateAsync(changed);
        var stored = (await Store.LoadAsync(id))!;
        stored.Count.Should().Be(3);
        stored.Version.Should().Be(3, "each change of the same loaded copy is written with the version it was last stored at");
    }

    [Fact]
    public async Task Delete_removes_the_instance_unless_it_changed_since_loaded()
    {
        var id = Guid.NewGuid();
        await Store.InsertAsync(new CounterState { CorrelationId = id });
        var stale = (await Store.LoadAsync(id))!;
        var fresh = (await Store.LoadAsync(id))!;
        fresh.Count = 5;
        await Store.UpdateAsync(fresh);

        await FluentActions.Awaiting(() => Store.DeleteAsync(stale)).Should().ThrowAsync<ConcurrencyException>();
        (await Store.LoadAsync(id)).Should().NotBeNull();

        await Store.DeleteAsync(fresh);
        (await Store.LoadAsync(id)).Should().BeNull();
        (await _redis.Store.ExistsAsync(Store.Key(id))).Should().BeFalse();
    }

    [Fact]
    public async Task Concurrent_updates_of_one_instance_each_win_or_fail_and_none_is_lost()
    {
        var id = Guid.NewGuid();
        await Store.InsertAsync(new CounterState { CorrelationId = id });

        // 8 writers, each retrying on conflict (what MassTransit's message retry does): exactly 8 increments land.
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (true)
            {
                var saga = (await Store.LoadAsync(id))!;
                saga.Count++;
                try
                {
                    await Store.UpdateAsync(saga);
                    return;
                }
                catch (ConcurrencyException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }));

        var final = (await Store.LoadAsync(id))!;
        final.Count.Should().Be(8);
        final.Version.Should().Be(9);
    }
}
