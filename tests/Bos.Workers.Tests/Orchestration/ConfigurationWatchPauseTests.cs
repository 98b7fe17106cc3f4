using Bos.Workers.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>The CFS watch's pause between rounds: the interval, unless CFS took long enough to make reading it a burden.</summary>
public sealed class ConfigurationWatchPauseTests
{
    [Theory]
    [InlineData(250, 20, 250)] // a few components: the interval
    [InlineData(250, 125, 250)] // half the interval: still the interval
    [InlineData(250, 200, 400)] // a slow round: twice its time
    [InlineData(250, 3000, 6000)] // 100,000 components: CFS read a third of the time
    [InlineData(1000, 400, 1000)]
    public void The_pause_is_the_interval_or_twice_the_rounds_time(int intervalMs, int roundMs, int pauseMs) =>
        ConfigurationWatch.PauseAfter(TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(roundMs))
            .Should().Be(TimeSpan.FromMilliseconds(pauseMs));
}
