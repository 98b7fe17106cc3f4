using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Bos.Core.Components;
using Bos.Core.Redis;
using Bos.Core.Scheduling;
using Bos.Core.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bos.Core.Telemetry;

/// <summary>
/// The gauges of the whole cluster's state, read from Redis every Telemetry:GaugeInterval by the processes that
/// publish them (the API by default) and served from memory at each scrape: components by state (the incremental
/// counts of <see cref="ComponentStateCounts"/>, a few dozen hash fields whatever the number of components), sessions
/// by tenant, operation and status (the session records without their node lists; completed ones are cleaned up after
/// cleanup_completed_session_ttl), the outbox's and the scheduler's backlogs (a length and a count each).
/// </summary>
public sealed class ClusterGauges : BackgroundService
{
    /// <summary>Sessions by tenant, operation and status: the one metric whose series grow with the tenants.</summary>
    public const string SessionsGauge = "bos.sessions";

    private readonly IRedisStore _redis;
    private readonly ComponentStateCounts _components;
    private readonly SessionRepository _sessions;
    private readonly TelemetryOptions _options;
    private readonly ILogger<ClusterGauges> _logger;
    private volatile Snapshot _snapshot = Snapshot.Empty;

    public ClusterGauges(IRedisStore redis, ComponentRepository components, SessionRepository sessions, IMeterFactory meters, IOptions<TelemetryOptions> options, ILogger<ClusterGauges> logger)
    {
        _redis = redis;
        _components = new ComponentStateCounts(redis, components);
        _sessions = sessions;
        _options = options.Value;
        _logger = logger;
        var meter = meters.Create(BosMetrics.MeterName);
        meter.CreateObservableGauge("bos.components", () => _snapshot.Components, null, "Components by phase, status and enabled");
        meter.CreateObservableGauge(SessionsGauge, () => _snapshot.Sessions, null, "Sessions by tenant, operation and status");
        meter.CreateObservableGauge("bos.outbox.backlog", () => _snapshot.OutboxBacklog, null, "Outbox entries not yet published");
        meter.CreateObservableGauge("bos.outbox.oldest.age", () => _snapshot.OutboxOldestAge, "s", "Age of the oldest outbox entry not yet published");
        meter.CreateObservableGauge("bos.scheduler.backlog", () => _snapshot.Scheduled, null, "Scheduled messages not yet delivered");
        meter.CreateObservableGauge("bos.scheduler.overdue", () => _snapshot.Overdue, null, "Scheduled messages past their due time and not yet claimed");
    }

    /// <summary>When the gauges were last read (for tests and diagnostics).</summary>
    public DateTimeOffset? ReadAt => _snapshot.ReadAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _components.BackfillAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("Counting the components of an earlier build failed: {Error}", e.Message);
        }
        using var timer = new PeriodicTimer(_options.GaugeInterval > TimeSpan.Zero ? _options.GaugeInterval : TimeSpan.FromSeconds(10));
        do
        {
            try
            {
                _snapshot = await ReadAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogDebug("Reading the cluster gauges failed: {Error}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // One round trip for the outbox and the scheduler.
    private const string BacklogScript = """
        local oldest = redis.call('LINDEX', KEYS[1], 0)
        return { redis.call('LLEN', KEYS[1]), oldest or '', redis.call('ZCARD', KEYS[2]), redis.call('ZCOUNT', KEYS[2], '-inf', ARGV[1]) }
        """;

    /// <summary>Reads every gauge once.</summary>
    public async Task<Snapshot> ReadAsync()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var backlog = (await _redis.EvaluateAsync(BacklogScript, [Outbox.Outbox.ListKey, ScheduledMessageStore.DueKey],
            [now.ToString(CultureInfo.InvariantCulture)])).Items!;
        var components = (await _components.ReadAsync()).Select(c => new Measurement<long>(c.Count,
            new("phase", c.Phase), new("status", c.Status), new("enabled", c.Enabled ? "true" : "false"))).ToList();
        // Without their node lists: a kept session of 100,000 nodes is a 1.8 MB record, read every interval otherwise.
        var sessions = (await _sessions.ListWithoutNodeListsAsync())
            .GroupBy(s => (Tenant: s.Tenant ?? "", Operation: s.Operation ?? "", Status: s.Status?.Status ?? ""))
            .Select(g => new Measurement<long>(g.Count(), new("tenant", g.Key.Tenant), new("operation", g.Key.Operation), new("status", g.Key.Status)))
            .ToList();
        return new Snapshot(components, sessions, backlog[0].AsInteger(), OldestAge(backlog[1].Text, now), backlog[2].AsInteger(),
            backlog[3].AsInteger(), DateTimeOffset.UtcNow);
    }

    private static double OldestAge(string? entry, long now)
    {
        if (string.IsNullOrEmpty(entry)) return 0;
        try
        {
            return Outbox.OutboxEntry.Parse(entry, _ => null).WrittenAt is { } written
                ? Math.Max(0, now - written) / 1000.0
                : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    /// <summary>The gauges' values at <see cref="ReadAt"/>.</summary>
    public sealed record Snapshot(
        IReadOnlyList<Measurement<long>> Components,
        IReadOnlyList<Measurement<long>> Sessions,
        long OutboxBacklog,
        double OutboxOldestAge,
        long Scheduled,
        long Overdue,
        DateTimeOffset? ReadAt)
    {
        public static Snapshot Empty { get; } = new([], [], 0, 0, 0, 0, null);
    }
}
