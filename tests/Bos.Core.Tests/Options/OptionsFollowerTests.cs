using System.Text.Json.Nodes;
using Bos.Core.Logging;
using Bos.Core.Options;
using Bos.Testing;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Serilog.Events;
using Xunit;

namespace Bos.Core.Tests.Options;

/// <summary>Every process follows the stored options: first read at start, periodic refresh, logging_level applied.</summary>
[NeedsServices]
public sealed class OptionsFollowerTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(OptionsFollowerTests));
    private readonly LogLevelController _logLevel = new();
    private OptionsStore _options = null!;
    private RedisBosOptionsSource _source = null!;
    private OptionsFollower _follower = null!;

    public Task InitializeAsync()
    {
        _options = new OptionsStore(_redis.Store, new Outbox.Outbox(), TimeProvider.System, NullLogger<OptionsStore>.Instance);
        _source = new RedisBosOptionsSource(_options, TimeProvider.System, NullLogger<RedisBosOptionsSource>.Instance);
        _follower = new OptionsFollower(_source, TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new OptionsRefreshSettings { Interval = TimeSpan.FromMilliseconds(50) }),
            NullLogger<OptionsFollower>.Instance, _logLevel);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _follower.StopAsync(CancellationToken.None);
        _follower.Dispose();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task The_stored_level_applies_once_started_and_follows_changes_made_elsewhere()
    {
        await _redis.Store.SetAsync(OptionsStore.Key, """{"logging_level": "error", "polling_frequency": 5}""");
        _logLevel.Level.Should().Be(LogEventLevel.Information);

        await _follower.StartAsync(CancellationToken.None);

        _source.Current.PollingFrequency.Should().Be(5, "the first read happens before the host has started");
        _logLevel.Level.Should().Be(LogEventLevel.Error);

        // Another process (another API replica) writes the record: picked up by the periodic refresh.
        await _redis.Store.SetAsync(OptionsStore.Key, """{"logging_level": "WARNING"}""");
        await Eventually.True(() => _logLevel.Level == LogEventLevel.Warning, "the log level follows the option");
        _logLevel.Level.Should().Be(LogEventLevel.Warning);
        _source.Current.PollingFrequency.Should().Be(15);
    }

    [Fact]
    public async Task A_patch_by_this_process_applies_the_level_immediately()
    {
        var slow = new OptionsFollower(_source, TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new OptionsRefreshSettings { Interval = TimeSpan.FromHours(1) }),
            NullLogger<OptionsFollower>.Instance, _logLevel);
        await slow.StartAsync(CancellationToken.None);

        await _options.PatchAsync(JsonNode.Parse("""{"logging_level": "debug"}""")!.AsObject());

        _logLevel.Level.Should().Be(LogEventLevel.Debug);
        await slow.StopAsync(CancellationToken.None);
        slow.Dispose();
    }
}
