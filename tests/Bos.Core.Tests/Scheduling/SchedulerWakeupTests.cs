using System.Diagnostics;
using Bos.Core.Scheduling;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Scheduling;

/// <summary>The dispatcher's sleep: the poll interval, cut short by an entry this process schedules to fall due sooner.</summary>
public sealed class SchedulerWakeupTests
{
    [Fact]
    public async Task Wait_ends_when_a_notified_entry_falls_due_before_the_poll_interval()
    {
        var wakeup = new SchedulerWakeup();
        var clock = Stopwatch.StartNew();
        var waiting = wakeup.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        await Task.Delay(100);
        waiting.IsCompleted.Should().BeFalse();
        var due = DateTime.UtcNow.AddMilliseconds(300);
        wakeup.Notify(due);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        DateTime.UtcNow.Should().BeOnOrAfter(due);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Entry_notified_before_the_wait_starts_also_shortens_it()
    {
        var wakeup = new SchedulerWakeup();
        wakeup.Notify(DateTime.UtcNow.AddMilliseconds(-5));

        await wakeup.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Entry_due_after_the_poll_interval_does_not_extend_or_shorten_the_wait()
    {
        var wakeup = new SchedulerWakeup();
        var clock = Stopwatch.StartNew();
        wakeup.Notify(DateTime.UtcNow.AddMinutes(5));

        await wakeup.WaitAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
    }

    [Fact]
    public async Task Wait_is_cancellable()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var waiting = new SchedulerWakeup().WaitAsync(TimeSpan.FromSeconds(30), stop.Token);

        await waiting.Invoking(w => w.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>();
    }
}
