using System.Diagnostics;

namespace Bos.Core.Telemetry;

/// <summary>
/// Bos's own spans ("Bos" activity source): the outbox relay's publish, which continues the trace of the request or
/// consumer that committed the entry (its W3C `traceparent` travels inside the outbox entry).
/// </summary>
public static class BosActivities
{
    public const string SourceName = "Bos";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// The current span's W3C `traceparent` while traces are recorded, else null: without tracing (Telemetry:OtlpEndpoint
    /// not set) an outbox entry carries nothing more.
    /// </summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Recorded: true } activity ? activity.Id : null;

    /// <summary>The trace context of a stored `traceparent`, default when absent or malformed.</summary>
    public static ActivityContext Parse(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;
}
