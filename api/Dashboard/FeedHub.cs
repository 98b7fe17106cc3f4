using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Bos.Api.Dashboard;

/// <summary>
/// The dashboard's live feeds by key (a session of a tenant, or a tenant's session list): the first subscriber of a
/// key starts its one loop, later ones join it, and the loop ends when its last subscriber leaves.
/// </summary>
public sealed class FeedHub(IOptions<DashboardSettings> settings, IHostApplicationLifetime lifetime, ILogger<FeedHub> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LiveFeed> _feeds = new(StringComparer.Ordinal);

    /// <summary>How many loops run now (one per watched key, whatever the number of subscribers).</summary>
    public int RunningFeeds { get { lock (_lock) return _feeds.Count; } }

    /// <summary>The feed's events for one subscriber until it disconnects (<paramref name="ct"/>) or the feed ends.</summary>
    public async IAsyncEnumerable<SseItem<string>> SubscribeAsync(string key, Func<IFeedSource> source,
        [EnumeratorCancellation] CancellationToken ct)
    {
        LiveFeed.Subscriber subscriber;
        LiveFeed feed;
        lock (_lock)
        {
            if (!_feeds.TryGetValue(key, out feed!))
            {
                feed = new LiveFeed(source());
                _feeds[key] = feed;
                var started = feed;
                _ = Task.Run(() => started.RunAsync(settings.Value.FeedInterval, () => StillWatched(key, started), logger,
                    lifetime.ApplicationStopping));
            }
            subscriber = feed.Add();
        }
        try
        {
            // A browser that leaves cancels ct: the stream ends quietly (no 500 logged for a closed tab).
            while (await WaitAsync(subscriber.Events, settings.Value.KeepAliveInterval, ct) is var wait && wait != Wait.Ended)
            {
                if (wait == Wait.Idle) yield return KeepAlive;
                while (!ct.IsCancellationRequested && subscriber.Events.TryRead(out var item)) yield return item;
            }
        }
        finally
        {
            lock (_lock) feed.Remove(subscriber);
        }
    }

    /// <summary>The event an idle stream gets every <see cref="DashboardSettings.KeepAliveInterval"/> (browsers ignore it).</summary>
    public static SseItem<string> KeepAlive { get; } = new("", "keepalive");

    private enum Wait { Ready, Idle, Ended }

    private static async Task<Wait> WaitAsync(ChannelReader<SseItem<string>> events, TimeSpan idle, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(idle);
        try { return await events.WaitToReadAsync(timeout.Token) ? Wait.Ready : Wait.Ended; }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { return Wait.Ended; }
        catch (OperationCanceledException) { return Wait.Idle; }
    }

    /// <summary>The loop's question before each tick: false (and the feed forgotten) once nobody listens.</summary>
    private bool StillWatched(string key, LiveFeed feed)
    {
        lock (_lock)
        {
            if (feed.SubscriberCount > 0) return true;
            if (_feeds.TryGetValue(key, out var current) && current == feed) _feeds.Remove(key);
            return false;
        }
    }
}
