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
    [InlineData(2500, 250)] // PCS's largest transition under watch: the interval
    [InlineData(10000, 250)] // more (a 10,000-node session's transitions): never longer
    [InlineData(1000, 100)] // a 1,000-node session's transition: two fifths
    [InlineData(500, 50)] // a fifth
    [InlineData(10, 50)] // a few nodes: a fifth, no less
    [InlineData(0, 50)] // nothing known yet
    public void Transitions_holding_fewer_tasks_in_all_are_read_proportionally_more_often_up_to_five_times(long watchedTasks, int intervalMs) =>
        PollPause.ForTransitions(TimeSpan.FromMilliseconds(250), watchedTasks).Should().Be(TimeSpan.FromMilliseconds(intervalMs));
}
