namespace Bos.Core.Telemetry;

/// <summary>Settings of the "Telemetry" section: metrics, traces and the cluster gauges read from Redis (docs/metrics.md).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Metrics and their `/metrics` endpoint; off: no meter is listened to and `/metrics` is not mapped.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where traces go over OTLP (e.g. `http://otel-collector:4317`); not set: no traces are recorded.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>`grpc` (port 4317) or `http/protobuf` (port 4318, `…/v1/traces`).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Records traces even without an OTLP endpoint (for exporters a host adds itself, e.g. the tests' in-memory one).</summary>
    public bool Traces { get; set; }

    /// <summary>How often the cluster gauges (components, sessions, outbox and scheduler backlogs) are read from Redis.</summary>
    public TimeSpan GaugeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether this process publishes the cluster gauges (default: the API does, workers do not).</summary>
    public bool? ClusterGauges { get; set; }

    /// <summary>
    /// The most series (label combinations) one metric keeps; measurements of more go to one series labelled
    /// `otel_metric_overflow="true"`. Each metric holds room for this many from the start (72 bytes each). The sessions
    /// gauge, labelled by tenant, keeps the SDK's default (2,000).
    /// </summary>
    public int MaxSeriesPerMetric { get; set; } = 500;

    public bool TracesEnabled => Traces || !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
