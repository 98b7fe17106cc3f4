using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Bos.Core.Tests.Components;

/// <summary>The history the component writes keep in Redis: appended with the record, trimmed, expired, deleted with it.</summary>
[NeedsServices]
public sealed class ComponentHistoryStoreTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(ComponentHistoryStoreTests));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private (ComponentRepository Repository, ComponentHistoryStore History) With(ComponentHistoryOptions options)
    {
        var wrapped = MsOptions.Create(options);
        return (new ComponentRepository(_redis.Store, new Core.Outbox.Outbox(), TimeProvider.System, wrapped),
            new ComponentHistoryStore(_redis.Store, wrapped, TimeProvider.System));
    }

    private static async Task SetErrors(ComponentRepository repository, string id, int count)
    {
        for (var i = 1; i <= count; i++) await repository.UpdateAsync(id, c => c with { Error = $"e{i}" });
    }

    [Fact]
    public async Task Entries_are_read_newest_first_with_their_summaries()
    {
        var (repository, history) = With(new ComponentHistoryOptions());
        await repository.PutManyAsync([new Component { Id = "x1", Enabled = true }]);
        await SetErrors(repository, "x1", 2);

        var entries = await history.ReadAsync("x1", 100);

        entries.Select(e => e.Summary).Should().Equal("Error: e2", "Error: e1", "Component created (enabled)");
    }

    [Fact]
    public async Task Retention_keeps_only_the_newest_entries_and_limit_reads_fewer()
    {
        var (repository, history) = With(new ComponentHistoryOptions { MaxEntries = 3 });
        await repository.PutManyAsync([new Component { Id = "x2" }]);
        await SetErrors(repository, "x2", 5);

        (await history.ReadAsync("x2", 100)).Select(e => e.Details!["error"]!.ToString()).Should().Equal("e5", "e4", "e3");
        (await _redis.Store.ListLengthAsync(ComponentHistoryStore.Key("x2"))).Should().Be(3);
        (await history.ReadAsync("x2", 1)).Should().ContainSingle();
    }

    [Fact]
    public async Task History_expires_after_the_configured_age_and_older_entries_are_not_read()
    {
        var options = new ComponentHistoryOptions { MaxAge = TimeSpan.FromHours(1) };
        var (repository, history) = With(options);
        await repository.PutManyAsync([new Component { Id = "x3" }]);

        var ttl = (await _redis.Store.EvaluateAsync("return redis.call('PTTL', KEYS[1])", [ComponentHistoryStore.Key("x3")], [])).AsInteger();
        ttl.Should().BeInRange(1, (long)options.MaxAge.TotalMilliseconds);
        (await history.ReadAsync("x3", 100)).Should().ContainSingle();
        var later = new ComponentHistoryStore(_redis.Store, MsOptions.Create(options), new Later(TimeSpan.FromHours(1.5)));
        (await later.ReadAsync("x3", 100)).Should().BeEmpty();
    }

    /// <summary>A clock ahead of the real one.</summary>
    private sealed class Later(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    [Fact]
    public async Task Deleting_a_component_deletes_its_history()
    {
        var (repository, history) = With(new ComponentHistoryOptions());
        await repository.PutManyAsync([new Component { Id = "x4" }]);
        await SetErrors(repository, "x4", 1);

        (await repository.DeleteAsync("x4")).Should().BeTrue();

        (await _redis.Store.ExistsAsync(ComponentHistoryStore.Key("x4"))).Should().BeFalse();
        (await history.ReadAsync("x4", 100)).Should().BeEmpty();
    }

    [Fact]
    public async Task With_history_off_writes_record_none()
    {
        var (repository, _) = With(new ComponentHistoryOptions { Enabled = false });
        await repository.PutManyAsync([new Component { Id = "x5" }]);
        await SetErrors(repository, "x5", 2);

        (await _redis.Store.ExistsAsync(ComponentHistoryStore.Key("x5"))).Should().BeFalse();
        (await repository.GetAsync("x5"))!.Error.Should().Be("e2");
    }
}
