using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>The components the CFS watch follows, over real Redis: added and removed in numbers above one command's chunk.</summary>
[NeedsServices]
public sealed class ConfiguringComponentsTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(ConfiguringComponentsTests));
    private readonly ManualClock _clock = new();

    private ConfiguringComponents Set => new(_redis.Store, Microsoft.Extensions.Options.Options.Create(new OrchestrationSettings()), _clock);

    [Fact]
    public async Task Thousands_of_components_are_watched_with_their_desired_configuration_until_removed()
    {
        var ids = Enumerable.Range(0, 3_000).Select(i => $"x{i}").ToList();
        await Set.AddAsync(ids.ToDictionary(id => id, id => id.EndsWith('7') ? "c2" : "c1"));

        (await Set.AllAsync()).Should().HaveCount(3_000);
        (await Set.DesiredConfigurationsAsync()).Should().HaveCount(3_000).And.Contain("x17", "c2").And.Contain("x18", "c1");
        (await Set.MismatchDueAsync()).Should().BeEmpty("a differing desired_config counts as news only after the sweep interval");
        _clock.Advance(new OrchestrationSettings().ConfigurationSweepInterval + TimeSpan.FromSeconds(1));
        (await Set.MismatchDueAsync()).Should().HaveCount(3_000);

        await Set.RemoveAsync(ids.Take(2_500).ToList());

        (await Set.AllAsync()).Should().BeEquivalentTo(ids.Skip(2_500));
        (await Set.DesiredConfigurationsAsync()).Keys.Should().BeEquivalentTo(ids.Skip(2_500));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();
}
