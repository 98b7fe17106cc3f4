using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace Bos.Api.Dashboard;

/// <summary>
/// One server-side loop and its subscribers: every <see cref="DashboardSettings.FeedInterval"/> (or at once when
/// someone joins) it reads its <see cref="IFeedSource"/> once and hands the result to everyone, so the cost of a
/// watched session does not grow with the number of browsers watching it. Each subscriber has a bounded queue; one
/// that falls <see cref="QueueLength"/> events behind is disconnected (its browser reconnects and gets a snapshot)
/// rather than buffered without end.
/// </summary>
public sealed class LiveFeed(IFeedSource source)
{
    public const int QueueLength = 256;

    private readonly ConcurrentDictionary<Subscriber, bool> _subscribers = new();
    private readonly SemaphoreSlim _wake = new(0);

    public int SubscriberCount => _subscribers.Count;

    public sealed class Subscriber
    {
        internal Channel<SseItem<string>> Queue { get; } = Channel.CreateBounded<SseItem<string>>(QueueLength);
        internal bool Fresh { get; set; } = true;
        public ChannelReader<SseItem<string>> Events => Queue.Reader;
    }

    /// <summary>Adds a subscriber (called under the hub's lock); it gets a snapshot on the next read, which starts now.</summary>
    internal Subscriber Add()
    {
        var subscriber = new Subscriber();
        _subscribers[subscriber] = true;
        _wake.Release();
        return subscriber;
    }

    internal void Remove(Subscriber subscriber)
    {
        _subscribers.TryRemove(subscriber, out _);
        subscriber.Queue.Writer.TryComplete();
    }

    /// <summary>
    /// Reads and delivers until <paramref name="stillWatched"/> says nobody listens (asked under the hub's lock, so a
    /// subscriber joining at that moment either keeps this loop or starts the next one).
    /// </summary>
    internal async Task RunAsync(TimeSpan interval, Func<bool> stillWatched, ILogger logger, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && stillWatched())
        {
            try
            {
                var read = await source.ReadAsync(ct);
                Deliver(read);
                if (read.Final) { foreach (var s in _subscribers.Keys) Remove(s); }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // Redis down or a record unreadable: subscribers keep what they have and the next tick tries again.
                logger.LogWarning(e, "Dashboard feed read failed");
            }
            try { await _wake.WaitAsync(interval, ct); } catch (OperationCanceledException) { return; }
        }
    }

    private void Deliver(FeedRead read)
    {
        IReadOnlyList<SseItem<string>>? snapshot = null;
        foreach (var subscriber in _subscribers.Keys)
        {
            var events = subscriber.Fresh ? snapshot ??= read.Snapshot() : read.Changes;
            subscriber.Fresh = false;
            foreach (var e in events)
                if (!subscriber.Queue.Writer.TryWrite(e)) { Remove(subscriber); break; }
        }
    }
}
