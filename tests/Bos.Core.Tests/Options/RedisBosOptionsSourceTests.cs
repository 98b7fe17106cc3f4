using System.Text.Json.Nodes;
using Bos.Contracts.Events;
using Bos.Core.Options;
using Bos.Core.Outbox;
using Bos.Core.Redis;
using Bos.Testing;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bos.Core.Tests.Options;

/// <summary>The options record over the real Redis: reads, write-back, patches with their event, and the cached view.</summary>
[NeedsServices]
public sealed class RedisBosOptionsSourceTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(RedisBosOptionsSourceTests));
    private IRedisStore _store = null!;
    private FailableRedis _failure = null!;
    private OptionsStore _options = null!;
    private RedisBosOptionsSource _source = null!;

    public Task InitializeAsync()
    {
        (_store, _failure) = FailableRedis.Over(_redis.Store);
        _options = new OptionsStore(_store, new Outbox.Outbox(), TimeProvider.System, NullLogger<OptionsStore>.Instance);
        _source = new RedisBosOptionsSource(_options, TimeProvider.System, NullLogger<RedisBosOptionsSource>.Instance);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public void Defaults_apply_until_the_record_has_been_read()
    {
        _source.Current.Should().Be(BosOptions.Defaults);
        _source.LoadedAt.Should().BeNull();
    }

    [Fact]
    public async Task A_refresh_reads_stored_values_with_illegal_ones_at_their_default()
    {
        await _redis.Store.SetAsync(OptionsStore.Key, """{"polling_frequency": 7, "component_actual_state_ttl": "30m", "reject_nids": true}""");

        (await _source.RefreshAsync()).Should().BeTrue();

        _source.Current.Should().Be(BosOptions.Defaults with { PollingFrequency = 7, RejectNids = true });
        _source.LoadedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_failed_read_keeps_the_last_known_values_not_the_defaults()
    {
        await _redis.Store.SetAsync(OptionsStore.Key, """{"polling_frequency": 7}""");
        await _source.RefreshAsync();
        var loadedAt = _source.LoadedAt;

        _failure.Failing = true;
        (await _source.RefreshAsync()).Should().BeFalse();

        _source.Current.PollingFrequency.Should().Be(7);
        _source.LoadedAt.Should().Be(loadedAt);
        _failure.Failing = false;
        await _redis.Store.SetAsync(OptionsStore.Key, """{"polling_frequency": 8}""");
        (await _source.RefreshAsync()).Should().BeTrue();
        _source.Current.PollingFrequency.Should().Be(8);
    }

    [Fact]
    public async Task A_patch_by_this_process_is_current_at_once_and_queues_OptionsChanged_in_the_same_write()
    {
        var result = await _options.PatchAsync(JsonNode.Parse("""{"polling_frequency": 9, "not_an_option": 1}""")!.AsObject());

        _source.Current.PollingFrequency.Should().Be(9);
        result.Response["not_an_option"]!.GetValue<int>().Should().Be(1);
        var stored = JsonNode.Parse((await _redis.Store.GetAsync(OptionsStore.Key))!)!.AsObject();
        stored.Should().HaveCount(20);
        stored["polling_frequency"]!.GetValue<int>().Should().Be(9);
        stored.ContainsKey("not_an_option").Should().BeFalse();

        var entries = await _redis.Store.ListRangeAsync(Outbox.Outbox.ListKey, 0, -1);
        entries.Should().ContainSingle();
        var entry = OutboxEntry.Parse(entries[0]);
        entry.Type.Should().Be(typeof(OptionsChanged).FullName);
        var changed = (OptionsChanged)entry.Message!;
        changed.Options["polling_frequency"].GetInt32().Should().Be(9);
        changed.Options.Should().HaveCount(20).And.NotContainKey("not_an_option");
    }

    [Fact]
    public async Task A_read_through_GET_writes_back_a_repaired_record_without_an_event()
    {
        await _redis.Store.SetAsync(OptionsStore.Key, """{"polling_frequency": 7, "max_component_wait_time": 3600}""");

        var record = await _options.GetAsync();

        record.Should().HaveCount(20);
        var stored = JsonNode.Parse((await _redis.Store.GetAsync(OptionsStore.Key))!)!;
        JsonNode.DeepEquals(stored, record).Should().BeTrue();
        (await _redis.Store.ListLengthAsync(Outbox.Outbox.ListKey)).Should().Be(0);
        _source.Current.PollingFrequency.Should().Be(7);
    }

    [Fact]
    public async Task A_complete_record_is_not_rewritten_by_GET()
    {
        var complete = OptionDefinitions.DefaultRecord().ToJsonString();
        await _redis.Store.SetAsync(OptionsStore.Key, complete);
        _source.LoadedAt.Should().BeNull();

        await _options.GetAsync();

        (await _redis.Store.GetAsync(OptionsStore.Key)).Should().Be(complete);
        _source.LoadedAt.Should().BeNull("nothing was written, so nothing was pushed to the cache");
    }
}
