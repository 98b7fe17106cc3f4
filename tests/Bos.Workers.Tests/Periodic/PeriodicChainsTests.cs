using Bos.Testing;
using Bos.Workers.Periodic;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Periodic;

/// <summary>One live chain per periodic task: duplicate and redelivered ticks lose the token swap.</summary>
[NeedsServices]
public sealed class PeriodicChainsTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(PeriodicChainsTests));
    private PeriodicChains Chains => new(_redis.Store);

    [Fact]
    public async Task Only_one_chain_starts_and_only_its_current_tick_runs()
    {
        var hold = TimeSpan.FromSeconds(30);
        var first = await Chains.TryStartAsync("task", hold);
        first.Should().NotBeNull();
        (await Chains.TryStartAsync("task", hold)).Should().BeNull("a chain is alive");

        (await Chains.ClaimAsync("task", Guid.NewGuid(), hold)).Should().BeNull("a tick of no chain");
        var second = await Chains.ClaimAsync("task", first!.Value, hold);
        second.Should().NotBeNull();
        (await Chains.ClaimAsync("task", first.Value, hold)).Should().BeNull("the same tick redelivered");

        (await Chains.HoldAsync("task", second!.Value, hold)).Should().BeTrue();
        (await Chains.HoldAsync("task", first.Value, hold)).Should().BeFalse();
        (await Chains.ClaimAsync("task", second.Value, hold)).Should().NotBeNull();
    }

    [Fact]
    public async Task A_dead_chain_expires_and_can_be_restarted()
    {
        var dead = await Chains.TryStartAsync("expiring", TimeSpan.FromMilliseconds(200));
        await Task.Delay(500);
        var restarted = await Chains.TryStartAsync("expiring", TimeSpan.FromSeconds(30));
        restarted.Should().NotBeNull();
        (await Chains.ClaimAsync("expiring", dead!.Value, TimeSpan.FromSeconds(30))).Should().BeNull("the old chain's tick is stale");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();
}
