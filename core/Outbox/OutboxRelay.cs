using System.Text.Json;
using Bos.Contracts.Events;
using Bos.Core.Redis;
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

    /// <summary>How long one relay holds the relay lease; another process takes over after it lapses.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Publishes outbox entries to RabbitMQ with publisher confirms, then removes them. One relay at a time holds a
/// lease. The component changes of a round go out together as one <see cref="Contracts.Events.ComponentsChanged"/> in
/// commit order: what accumulated while the previous round was being confirmed leaves at once, so under load a message
/// carries many changes and an idle system still publishes each change as soon as it is committed (no batch window).
/// Other events are published one by one, in parallel (confirms awaited together), so order between messages is not
/// kept: events are triggers carrying a snapshot, and consumers decide on the record's current state. A relay that
/// dies after publishing and before trimming causes duplicates only (consumers are idempotent), never a loss.
/// </summary>
public sealed class OutboxRelay(IRedisStore redis, Outbox outbox, IBus bus, IOptions<OutboxOptions> options, ILogger<OutboxRelay> logger)
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await RelayOnce(settings);
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
        if (lease.AsInteger() != 1) return 0;

        var entries = await redis.ListRangeAsync(Outbox.ListKey, 0, settings.BatchSize - 1);
        if (entries.Count == 0) return 0;
        var changes = new List<ComponentChanged>();
        var publishes = new List<Task>();
        // A round never outlasts its lease waiting for the broker: after it, another relay may publish the same entries.
        using var timeout = new CancellationTokenSource(settings.Lease);
        foreach (var message in entries.Select(Read).OfType<object>())
        {
            if (message is ComponentChanged change) changes.Add(change);
            else publishes.Add(bus.Publish(message, message.GetType(), timeout.Token));
        }
        if (changes.Count > 0) publishes.Add(bus.Publish(new ComponentsChanged { Changes = changes }, timeout.Token));
        await Task.WhenAll(publishes);
        // Only the lease holder trims: a relay whose lease lapsed while it published leaves the list to the relay that
        // took over (which may have published and trimmed these entries already), so nothing unpublished is trimmed.
        var trimmed = await redis.EvaluateAsync(TrimScript, [LeaseKey, Outbox.ListKey], [_owner, entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (trimmed.AsInteger() != 1)
        {
            logger.LogWarning("Outbox relay lost its lease while publishing {Count} entries; the relay holding it now trims them (they may be published twice)", entries.Count);
            return 0;
        }
        return entries.Count;
    }

    private const string TrimScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        redis.call('LTRIM', KEYS[2], ARGV[2], -1)
        return 1
        """;

    private object? Read(string raw)
    {
        var entry = JsonSerializer.Deserialize<OutboxEntry>(raw, OutboxEntry.JsonOptions)!;
        var type = typeof(OptionsChanged).Assembly.GetType(entry.Type);
        if (type is null)
        {
            logger.LogError("Dropping outbox entry of unknown type {EventType}", entry.Type);
            return null;
        }
        return JsonSerializer.Deserialize(entry.Payload, type, OutboxEntry.JsonOptions)!;
    }
}
