using Bos.Workers.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>The pause between two reads of CFS or a PCS transition: the interval, unless the read took long enough to make reading a burden.</summary>
public sealed class PollPauseTests
{
    [Theory]
    [InlineData(250, 20, 250)] // a few components: the interval
    [InlineData(250, 125, 250)] // half the interval: still the interval
    [InlineData(250, 200, 400)] // a slow round: twice its time
    [InlineData(250, 3000, 6000)] // 100,000 components: CFS read a third of the time
    [InlineData(100, 30, 100)] // a PCS transition of a few nodes
    [InlineData(100, 80, 160)] // a 2,500-task transition on a busy machine
    [InlineData(1000, 400, 1000)]
    public void The_pause_is_the_interval_or_twice_the_reads_time(int intervalMs, int roundMs, int pauseMs) =>
        PollPause.After(TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(roundMs))
            .Should().Be(TimeSpan.FromMilliseconds(pauseMs));

    [Theory]
    [InlineData(2500, 250)] // PCS's largest transition: the interval
    [InlineData(5000, 250)] // never more
    [InlineData(1000, 100)] // a 1,000-node session's transition: two fifths
    [InlineData(500, 50)] // a fifth
    [InlineData(10, 50)] // a few nodes: a fifth, no less
    [InlineData(0, 50)] // nothing known yet
    public void A_smaller_transition_is_read_proportionally_more_often_up_to_five_times(int tasks, int intervalMs) =>
        PollPause.ForTransition(TimeSpan.FromMilliseconds(250), tasks).Should().Be(TimeSpan.FromMilliseconds(intervalMs));
}
