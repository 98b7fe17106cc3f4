using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Bos.Core.Telemetry;

/// <summary>
/// Bos's own instruments, one meter ("Bos") for every process: the code that does the work records on them directly
/// (a measurement nobody listens to costs a branch). Their Prometheus names, labels and meaning are in docs/metrics.md;
/// the gauges read from Redis live in <see cref="ClusterGauges"/>.
/// </summary>
public static class BosMetrics
{
    public const string MeterName = "Bos";

    private static readonly Meter Meter = new(MeterName);

    // Seconds from a few ms (one service call, one relay round) to an hour (a session of 100,000 nodes).
    private static readonly double[] Seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    private static readonly double[] SessionSeconds = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400];

    /// <summary>One call of a service client, retries included: `service`, `outcome` (2xx, 4xx, 5xx, timeout, error, canceled).</summary>
    public static readonly Histogram<double> ServiceCallDuration = Meter.CreateHistogram(
        "bos.service.call.duration", "s", "Calls to HSM, PCS, BSS, CFS, IMS, S3 and TAPMS, retries included",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });

    /// <summary>A failed attempt the client retries: `service`, `reason` (5xx, timeout, connection).</summary>
    public static readonly Counter<long> ServiceRetries = Meter.CreateCounter<long>(
        "bos.service.retries", null, "Failed service call attempts that are retried");

    /// <summary>Components acted on by a power operator: `kind`, `outcome` (called, error, retry_limit).</summary>
    public static readonly Counter<long> PowerActions = Meter.CreateCounter<long>(
        "bos.power.actions", null, "Components a power operator acted on, by kind and outcome");

    /// <summary>Sessions created through the API: `operation`.</summary>
    public static readonly Counter<long> SessionsCreated = Meter.CreateCounter<long>(
        "bos.sessions.created", null, "Sessions created");

    /// <summary>A session from start to complete: `operation`, `outcome` (success, error).</summary>
    public static readonly Histogram<double> SessionDuration = Meter.CreateHistogram(
        "bos.session.duration", "s", "Time from a session's start to its completion",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SessionSeconds });

    /// <summary>Events published by the outbox relay: `event`.</summary>
    public static readonly Counter<long> OutboxPublished = Meter.CreateCounter<long>(
        "bos.outbox.published", null, "Outbox entries published to RabbitMQ");

    /// <summary>From an outbox entry's commit to its confirmed publish.</summary>
    public static readonly Histogram<double> OutboxRelayLag = Meter.CreateHistogram(
        "bos.outbox.relay.lag", "s", "Time from an outbox entry's commit to its confirmed publish",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });

    /// <summary>Scheduled messages delivered by this process.</summary>
    public static readonly Counter<long> SchedulerDelivered = Meter.CreateCounter<long>(
        "bos.scheduler.delivered", null, "Scheduled messages delivered");

    /// <summary>How late a scheduled message was delivered after its due time.</summary>
    public static readonly Histogram<double> SchedulerLateness = Meter.CreateHistogram(
        "bos.scheduler.lateness", "s", "Delay between a scheduled message's due time and its delivery",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });

    public static void RecordServiceCall(string service, string outcome, double seconds) =>
        ServiceCallDuration.Record(seconds, new TagList { { "service", service }, { "outcome", outcome } });

    public static void RecordPowerActions(string kind, string outcome, int count)
    {
        if (count > 0) PowerActions.Add(count, new TagList { { "kind", kind }, { "outcome", outcome } });
    }
}
