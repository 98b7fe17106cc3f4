using Bos.Testing;
using Bos.Workers.SessionCompletion;
using FluentAssertions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bos.Workers.Tests.SessionCompletion;

/// <summary>When completion checks start: at once after a quiet spell, at most once per CompletionDelay under a stream of changes.</summary>
[NeedsServices]
public sealed class CompletionCheckRequestsTests : IAsyncLifetime
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(600);
    private readonly IsolatedRedis _redis = new(nameof(CompletionCheckRequestsTests));
    private CompletionCheckRequests Requests => new(_redis.Store, Options.Create(new OperatorSettings { CompletionDelay = Delay }));

    [Fact]
    public async Task The_first_change_after_a_quiet_spell_is_checked_at_once() =>
        (await Requests.NextCheckInAsync()).Should().Be(TimeSpan.Zero);

    [Fact]
    public async Task Changes_while_a_check_is_on_its_way_ask_for_no_other()
    {
        (await Requests.NextCheckInAsync()).Should().NotBeNull();
        (await Requests.NextCheckInAsync()).Should().BeNull();
        (await Requests.NextCheckInAsync()).Should().BeNull();
    }

    [Fact]
    public async Task A_change_soon_after_a_check_started_is_checked_when_the_delay_since_that_check_is_over()
    {
        await Requests.NextCheckInAsync();
        await Requests.ClearAsync(); // the check starts

        var wait = await Requests.NextCheckInAsync();

        wait.Should().NotBeNull().And.BeGreaterThan(TimeSpan.Zero, "the last check started just now").And.BeLessThanOrEqualTo(Delay);
        await Requests.ClearAsync();
        await Task.Delay(Delay + TimeSpan.FromMilliseconds(50));
        (await Requests.NextCheckInAsync()).Should().Be(TimeSpan.Zero, "the delay since the last check is over");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();
}
