using System.Net.ServerSentEvents;
using Bos.Api.Dashboard;
using FluentAssertions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bos.Api.Tests.Dashboard;

/// <summary>One server-side loop per watched key, shared by its subscribers and stopped when the last one leaves.</summary>
public sealed class FeedHubTests
{
    /// <summary>Counts its reads; each read's change is the read number, a snapshot says "snapshot N".</summary>
    private sealed class CountingSource : IFeedSource
    {
        public int Reads;

        public Task<FeedRead> ReadAsync(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref Reads);
            return Task.FromResult(new FeedRead([new SseItem<string>(n.ToString(), "change")], () => [new SseItem<string>("snapshot " + n, "snapshot")]));
        }
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }

    private static FeedHub Hub(TimeSpan interval, TimeSpan? keepAlive = null) =>
        new(Microsoft.Extensions.Options.Options.Create(new DashboardSettings { FeedInterval = interval, KeepAliveInterval = keepAlive ?? TimeSpan.FromSeconds(15) }),
            new Lifetime(), NullLogger<FeedHub>.Instance);

    /// <summary>Has news only on its first read (a quiet session).</summary>
    private sealed class QuietSource : IFeedSource
    {
        private int _reads;

        public Task<FeedRead> ReadAsync(CancellationToken ct) => Task.FromResult(Interlocked.Increment(ref _reads) == 1
            ? new FeedRead([new SseItem<string>("1", "change")], () => [new SseItem<string>("snapshot", "snapshot")])
            : new FeedRead([], () => [new SseItem<string>("snapshot", "snapshot")]));
    }

    [Fact]
    public async Task A_stream_with_nothing_to_send_gets_a_keepalive_event_every_interval()
    {
        var hub = Hub(TimeSpan.FromMilliseconds(20), keepAlive: TimeSpan.FromMilliseconds(100));
        using var stop = new CancellationTokenSource();
        await using var subscriber = hub.SubscribeAsync("quiet", () => new QuietSource(), stop.Token).GetAsyncEnumerator();

        (await subscriber.MoveNextAsync()).Should().BeTrue();
        subscriber.Current.EventType.Should().Be("snapshot");
        // Bounded: without keep-alives the stream would wait for news that never comes.
        (await subscriber.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
        subscriber.Current.Should().Be(FeedHub.KeepAlive, "nothing changed for longer than the keep-alive interval");
        (await subscriber.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
        subscriber.Current.EventType.Should().Be("keepalive");
        stop.Cancel();
    }

    [Fact]
    public async Task Two_subscribers_of_one_key_share_one_loop_and_each_starts_with_a_snapshot()
    {
        var hub = Hub(TimeSpan.FromMilliseconds(50));
        var created = 0;
        var source = new CountingSource();
        IFeedSource Create() { created++; return source; }
        using var stop = new CancellationTokenSource();

        await using var first = hub.SubscribeAsync("k", Create, stop.Token).GetAsyncEnumerator();
        await using var second = hub.SubscribeAsync("k", Create, stop.Token).GetAsyncEnumerator();
        (await first.MoveNextAsync()).Should().BeTrue();
        (await second.MoveNextAsync()).Should().BeTrue();
        (await second.MoveNextAsync()).Should().BeTrue();

        created.Should().Be(1);
        hub.RunningFeeds.Should().Be(1);
        first.Current.EventType.Should().Be("snapshot");
        second.Current.EventType.Should().Be("change", "after its snapshot a subscriber gets what changed");
        stop.Cancel();
    }

    [Fact]
    public async Task The_loop_stops_reading_when_the_last_subscriber_leaves()
    {
        var hub = Hub(TimeSpan.FromMilliseconds(20));
        var source = new CountingSource();
        using (var leave = new CancellationTokenSource())
        {
            await using var subscriber = hub.SubscribeAsync("k", () => source, leave.Token).GetAsyncEnumerator();
            (await subscriber.MoveNextAsync()).Should().BeTrue();
            leave.Cancel();
            (await subscriber.MoveNextAsync()).Should().BeFalse("a subscriber that leaves ends its stream quietly");
        }

        await Bos.Testing.Eventually.True(() => Task.FromResult(hub.RunningFeeds == 0), "the feed forgotten");
        var reads = source.Reads;
        await Task.Delay(200);
        source.Reads.Should().Be(reads, "nobody listens, so nothing reads");
    }
}
