using System.Diagnostics;
using Bos.Contracts.Events;
using Bos.Core.Components;
using Bos.Core.Integration;
using Bos.Core.Redis;
using Bos.Core.Sessions.Completion;
using Bos.Core.Telemetry;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bos.Core.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often to look for entries written by other processes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Entries read per round. The component changes among them leave as one <c>ComponentsChanged</c> message, the rest
    /// one message each, all awaited together (publisher confirms in parallel).
    /// </summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// The most component changes one <c>ComponentsChanged</c> carries; a round with more sends several. At the default
    /// a round's changes are one message (~300 KB for 1,000): each consumer's copies of it are large objects, which only
    /// a full collection frees. 100 (~30 KB) keeps them young garbage: 100k reboot, worker peak RSS 452 against 495 MB,
    /// but ten times the messages cost RabbitMQ and the engine CPU (RabbitMQ 21.8 against 12.7 CPU-s; the 1k reboot
    /// 0.1–0.2 s slower) — a setting for a memory-bound worker, not the default (BENCHMARKS.md).
    /// </summary>
    public int ChangesPerMessage { get; set; } = 1000;

    /// <summary>How long one relay holds the relay lease; another process takes over after it lapses.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Publishes outbox entries to RabbitMQ with publisher confirms, then removes them. One relay at a time holds a
/// lease. The input changes of components of a round go out together as one <see cref="Contracts.Events.ComponentsChanged"/>
/// in commit order (bookkeeping changes leave only as public events): what accumulated while the previous round was being confirmed leaves at once, so under load a message
/// carries many changes and an idle system still publishes each change as soon as it is committed (no batch window).
/// Other events are published one by one, in parallel (confirms awaited together), so order between messages is not
/// kept: events are triggers carrying a snapshot, and consumers decide on the record's current state. A relay that
/// dies after publishing and before trimming causes duplicates only (consumers are idempotent), never a loss. The same
/// entries also leave as the public events of other services (<see cref="PublicEventPublisher"/>), confirmed before
/// the trim like the rest. Entries committed in a process whose relay does not hold the lease wake the holder through
/// Redis (<see cref="Outbox.CommittedChannel"/>): its poll is only the fallback.
/// </summary>
public sealed class OutboxRelay(IRedisStore redis, Outbox outbox, IBus bus, PublicEventPublisher publicEvents, IOptions<OutboxOptions> options,
    ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private const string LeaseKey = "outbox:relay-lease";
    private readonly string _owner = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    // Takes or renews the lease: true when this relay holds it.
    private const string LeaseScript = """
        local current = redis.call('GET', KEYS[1])
        if current == false or current == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        return 0
        """;

    // Whether this relay held the lease at its last round.
    private bool _holdsLease;
    private bool _subscribed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                if (!_subscribed)
                {
                    await redis.SubscribeAsync(Outbox.CommittedChannel, outbox.Wake);
                    _subscribed = true;
                }
                var committedHere = outbox.TakeCommittedHere();
                published = await RelayOnce(settings);
                // Committed here while another process holds the lease: it publishes them now, not at its next poll.
                if (committedHere && !_holdsLease) await redis.NotifyAsync(Outbox.CommittedChannel);
            }
            // A round that gave up waiting for the broker (cancelled after its lease) is a failed round too, not a stop.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Outbox relay round failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            if (published < settings.BatchSize)
                await outbox.WaitForSignal(settings.PollInterval, stoppingToken);
        }
    }

    /// <summary>Publishes one batch if this relay holds the lease; returns how many entries it published.</summary>
    public async Task<int> RelayOnce(OutboxOptions settings)
    {
        var lease = await redis.EvaluateAsync(LeaseScript, [LeaseKey], [_owner, ((long)settings.Lease.TotalMilliseconds).ToString()]);
        _holdsLease = lease.AsInteger() == 1;
        if (!_holdsLease) return 0;

        // As stored: parsed and hashed (the public events' ids) from their bytes, never decoded to strings.
        var entries = await redis.ListRangeUtf8Async(Outbox.ListKey, 0, settings.BatchSize - 1);
        if (entries.Count == 0) return 0;
        var read = entries.Select(raw => (Raw: raw, Entry: Read(raw))).Where(e => e.Entry.Message is not null)
            .Select(e => (e.Raw, e.Entry, Message: e.Entry.Message!)).ToList();
        // Bookkeeping changes (phase, error, a power last action, event_stats) interest only the public events: the
        // internal consumers act on input changes alone, so only those cross the bus (the profile of a 10k reboot: the
        // records of every change were most of the workers' CPU and large-object garbage).
        var changes = read.Where(e => e.Message is ComponentChanged { InputChanged: true }).ToList();
        // A round never outlasts its lease waiting for the broker: after it, another relay may publish the same entries.
        using var timeout = new CancellationTokenSource(settings.Lease);
        var publishes = new List<Task> { publicEvents.PublishAsync(read.Select(e => new PublicEventMapper.Entry(e.Raw, e.Message)).ToList(), timeout.Token) };
        publishes.AddRange(read.Where(e => e.Message is not ComponentChanged)
            .Select(e => PublishAsync(e.Message, e.Entry.TraceParent, [], timeout.Token)));
        // In commit order: the chunks are published one after the other (each confirmed before the next leaves).
        if (changes.Count > 0)
            publishes.Add(PublishChangesAsync(changes.Select(c => (c.Entry, Change: (ComponentChanged)c.Message)).ToList(), settings.ChangesPerMessage, timeout.Token));
        await Task.WhenAll(publishes);
        // Only the lease holder trims: a relay whose lease lapsed while it published leaves the list to the relay that
        // took over (which may have published and trimmed these entries already), so nothing unpublished is trimmed.
        var trimmed = await redis.EvaluateAsync(TrimScript, [LeaseKey, Outbox.ListKey], [_owner, entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (trimmed.AsInteger() != 1)
        {
            logger.LogWarning("Outbox relay lost its lease while publishing {Count} entries; the relay holding it now trims them (they may be published twice)", entries.Count);
            return 0;
        }
        RecordPublished(read.Select(e => (e.Entry, e.Message)).ToList());
        return entries.Count;
    }

    private const string TrimScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        redis.call('LTRIM', KEYS[2], ARGV[2], -1)
        return 1
        """;

    // The publish continues the writer's trace (the entry's traceparent); a batch of component changes continues the
    // first one's and links a few of the others. Without tracing, StartActivity returns null and this is a plain publish.
    private async Task PublishAsync(object message, string? traceParent, IEnumerable<string?> linked, CancellationToken ct)
    {
        using var activity = traceParent is null ? null : BosActivities.Source.StartActivity(
            "outbox relay " + message.GetType().Name, ActivityKind.Internal, BosActivities.Parse(traceParent),
            links: linked.OfType<string>().Distinct().Take(MaxLinks).Select(t => new ActivityLink(BosActivities.Parse(t))));
        await bus.Publish(message, message.GetType(), ct);
    }

    private const int MaxLinks = 32;

    private async Task PublishChangesAsync(IReadOnlyList<(OutboxEntry Entry, ComponentChanged Change)> changes, int perMessage, CancellationToken ct)
    {
        var summaries = changes.Select(c => (c.Entry, Summary: ComponentInputSummary.Of(c.Change))).ToList();
        foreach (var chunk in summaries.Chunk(Math.Max(1, perMessage)))
            await PublishAsync(new ComponentsChanged { Changes = chunk.Select(c => c.Summary).ToList() },
                chunk[0].Entry.TraceParent, chunk.Skip(1).Select(c => c.Entry.TraceParent), ct);
        // After the changes: session completion reads the records, which hold them since they were committed.
        var completing = summaries.Where(c => CompletionTriggers.MayComplete(c.Summary)).ToList();
        if (completing.Count > 0)
            await PublishAsync(new ComponentsMayCompleteSessions { Changes = completing.Count, ChangedAt = completing[^1].Summary.ChangedAt },
                completing[0].Entry.TraceParent, completing.Skip(1).Select(c => c.Entry.TraceParent), ct);
    }

    private static void RecordPublished(IReadOnlyList<(OutboxEntry Entry, object Message)> read)
    {
        if (!BosMetrics.OutboxRelayLag.Enabled && !BosMetrics.OutboxPublished.Enabled) return;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (entry, message) in read)
        {
            if (entry.WrittenAt is { } written) BosMetrics.OutboxRelayLag.Record(Math.Max(0, now - written) / 1000.0);
            BosMetrics.OutboxPublished.Add(1, new KeyValuePair<string, object?>("event", message.GetType().Name));
        }
    }

    private OutboxEntry Read(byte[] raw)
    {
        var entry = OutboxEntry.Parse(raw);
        if (entry.Message is null) logger.LogError("Dropping outbox entry of unknown type {EventType}", entry.Type);
        return entry;
    }
}
