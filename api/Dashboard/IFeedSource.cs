using System.Net.ServerSentEvents;

namespace Bos.Api.Dashboard;

/// <summary>
/// What one live feed reads on each tick of its loop (<see cref="LiveFeed"/>): the events that bring a subscriber
/// who saw the previous read up to date (<see cref="FeedRead.Changes"/>), and the whole state for one who just joined
/// (<see cref="FeedRead.Snapshot"/>, built only when someone joined). A source keeps the previous read; it is used by
/// its feed's loop alone, never concurrently.
/// </summary>
public interface IFeedSource
{
    Task<FeedRead> ReadAsync(CancellationToken ct);
}

/// <summary>One read of a feed source; <see cref="Final"/> ends the feed after these events (the session is gone).</summary>
public sealed record FeedRead(IReadOnlyList<SseItem<string>> Changes, Func<IReadOnlyList<SseItem<string>>> Snapshot, bool Final = false);
