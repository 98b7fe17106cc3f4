using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bos.Core.Telemetry;

/// <summary>
/// Metrics and traces for the API and the workers (docs/metrics.md): OpenTelemetry with Bos's meter, MassTransit's,
/// ASP.NET Core's and the runtime's, read by Prometheus at `/metrics`; traces (ASP.NET Core, MassTransit, the service
/// clients' HTTP calls and Bos's outbox relay) only when Telemetry:OtlpEndpoint is set. Logs carry the trace and span
/// ids by themselves (Serilog records the current activity's).
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>
    /// The ASP.NET Core meters docs/metrics.md lists (requests by route and status, Kestrel's connections, unhandled
    /// exceptions), named instead of AddAspNetCoreInstrumentation(), which listens to every ASP.NET Core meter and adds a
    /// middleware to each request: among them .NET 10's Microsoft.AspNetCore.MemoryPool records on every buffer Kestrel
    /// rents or returns (several per request, the largest telemetry cost in a profile of GET /v2/components/{id}), and
    /// Routing's match counter repeats the request count by route (BENCHMARKS.md, "Issue #13: what telemetry costs").
    /// </summary>
    public static readonly string[] AspNetCoreMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics"];

    /// <summary>Registers telemetry; <paramref name="clusterGauges"/>: whether this kind of process publishes the cluster gauges by default.</summary>
    public static IHostApplicationBuilder AddBosTelemetry(this IHostApplicationBuilder builder, bool clusterGauges)
    {
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.Configure<TelemetryOptions>(section);
        if (!options.Enabled && !options.TracesEnabled) return builder;
        if (options.Enabled && options.MaxSeriesPerMetric < 1)
            throw new InvalidOperationException($"Telemetry:MaxSeriesPerMetric must be at least 1, not {options.MaxSeriesPerMetric}");

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"));
        if (options.Enabled)
        {
            otel.WithMetrics(metrics => metrics
                .AddMeter(BosMetrics.MeterName, "MassTransit")
                .AddMeter(AspNetCoreMeters)
                .AddRuntimeInstrumentation()
                .SetExemplarFilter(ExemplarFilterType.AlwaysOff)
                .AddView(instrument => SeriesLimit(instrument, options.MaxSeriesPerMetric))
                .AddPrometheusExporter());
            if (options.ClusterGauges ?? clusterGauges)
            {
                builder.Services.TryAddSingleton<Components.ComponentRepository>();
                builder.Services.AddSingleton<ClusterGauges>();
                builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterGauges>());
            }
        }
        if (options.TracesEnabled)
        {
            otel.WithTracing(tracing =>
            {
                tracing
                    .AddSource(BosActivities.SourceName, "MassTransit")
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsScrapeOrProbe(http.Request.Path))
                    .AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
                    tracing.AddOtlpExporter(o =>
                    {
                        o.Endpoint = new Uri(options.OtlpEndpoint);
                        o.Protocol = options.OtlpProtocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase)
                            ? OtlpExportProtocol.HttpProtobuf
                            : OtlpExportProtocol.Grpc;
                    });
            });
        }
        return builder;
    }

    /// <summary>
    /// The series one metric keeps (null: the SDK's default, 2,000). The SDK's default is room every metric allocates up
    /// front: 10 MB of each process's live heap for some 70 metrics, when Bos's busiest (the API's requests by route and
    /// status) has a few hundred. The sessions gauge, labelled by tenant (up to 9 series a tenant), keeps the default.
    /// </summary>
    public static MetricStreamConfiguration? SeriesLimit(System.Diagnostics.Metrics.Instrument instrument, int maxSeriesPerMetric) =>
        instrument.Meter.Name == BosMetrics.MeterName && instrument.Name == ClusterGauges.SessionsGauge
            ? null
            : new MetricStreamConfiguration { CardinalityLimit = maxSeriesPerMetric };

    /// <summary>`/metrics` in Prometheus text, ahead of the API's guards, authentication and spec validation.</summary>
    public static IApplicationBuilder UseBosMetrics(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>()?.Value;
        return options?.Enabled == true ? app.UseOpenTelemetryPrometheusScrapingEndpoint() : app;
    }

    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz");
}
