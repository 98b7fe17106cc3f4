using System.Diagnostics.Metrics;
using System.Net;
using Bos.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Xunit;

namespace Bos.Api.Tests.Telemetry;

/// <summary>The API with traces exported over OTLP (to an address nothing listens on: nothing needs to arrive).</summary>
public sealed class TracedApiFactory : ApiHostFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [.. base.Settings(), new("Telemetry:OtlpEndpoint", "http://127.0.0.1:9")];
}

/// <summary>The API with telemetry switched off.</summary>
public sealed class UntelemeteredApiFactory : ApiHostFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [.. base.Settings(), new("Telemetry:Enabled", "false")];
}

/// <summary>The API keeping at most 50 series a metric.</summary>
public sealed class FewSeriesApiFactory : ApiHostFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [.. base.Settings(), new("Telemetry:MaxSeriesPerMetric", "50")];
}

/// <summary>The API asked to keep no series at all.</summary>
public sealed class NoSeriesApiFactory : ApiHostFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [.. base.Settings(), new("Telemetry:MaxSeriesPerMetric", "0")];
}

/// <summary>Telemetry:* — metrics on by default, traces only with an OTLP endpoint, everything off with Enabled=false.</summary>
[NeedsServices]
public sealed class TelemetrySettingsTests(ApiFactory api, TracedApiFactory traced, UntelemeteredApiFactory off, FewSeriesApiFactory few,
    NoSeriesApiFactory none)
    : IClassFixture<ApiFactory>, IClassFixture<TracedApiFactory>, IClassFixture<UntelemeteredApiFactory>, IClassFixture<FewSeriesApiFactory>,
        IClassFixture<NoSeriesApiFactory>
{
    [Fact]
    public async Task By_default_metrics_are_served_in_prometheus_text_and_no_traces_are_recorded()
    {
        var client = api.CreateClient();
        (await client.GetAsync("/v2/healthz")).EnsureSuccessStatusCode();

        var response = await client.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var scrape = new PrometheusScrape(await response.Content.ReadAsStringAsync());
        scrape.Sum("http_server_request_duration_seconds_count", ("http_route", "/v2/healthz")).Should().BePositive();
        api.Services.GetService<TracerProvider>().Should().BeNull("no OTLP endpoint is set");
    }

    [Fact]
    public void Requests_are_measured_but_the_memory_pools_per_buffer_meter_and_routings_match_counter_are_not_listened_to()
    {
        _ = api.CreateClient();

        // An instrument is enabled when a listener (here the API's meter provider) listens to its meter's name.
        using var hosting = new Meter("Microsoft.AspNetCore.Hosting");
        using var memoryPool = new Meter("Microsoft.AspNetCore.MemoryPool");
        using var routing = new Meter("Microsoft.AspNetCore.Routing");

        hosting.CreateCounter<long>("bos.test.hosting").Enabled.Should().BeTrue("requests by route and status are documented");
        memoryPool.CreateCounter<long>("bos.test.memory_pool").Enabled.Should().BeFalse("it records on every buffer Kestrel rents or returns");
        routing.CreateCounter<long>("bos.test.routing").Enabled.Should().BeFalse("it counts the requests by route a second time");
    }

    [Fact]
    public async Task A_metric_keeps_at_most_the_configured_series_and_counts_the_rest_in_one_overflow_series()
    {
        var client = few.CreateClient();
        // The provider listens to meters by name: this one is Bos's as far as it is concerned.
        using var meter = new Meter(Bos.Core.Telemetry.BosMetrics.MeterName);
        var counter = meter.CreateCounter<long>("bos.test.series." + Guid.NewGuid().ToString("N"));
        for (var i = 0; i < 80; i++) counter.Add(1, new KeyValuePair<string, object?>("node", $"x{i}"));

        var name = counter.Name.Replace('.', '_') + "_total";
        var series = (await PrometheusScrape.UntilAsync(client, scrape => scrape.Has(name))).Series(name);

        series.Count(labels => labels.ContainsKey("node")).Should().Be(50, "50 series are kept");
        series.Should().ContainSingle(labels => labels.ContainsKey("otel_metric_overflow"), "the other 30 are counted in one");
    }

    [Fact]
    public void A_limit_of_no_series_stops_the_process_at_start_with_the_setting_named()
    {
        var start = () => none.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("Telemetry:MaxSeriesPerMetric must be at least 1, not 0");
    }

    [Fact]
    public async Task A_histogram_keeps_the_bucket_boundaries_its_instrument_advises()
    {
        var client = few.CreateClient();
        using var meter = new Meter(Bos.Core.Telemetry.BosMetrics.MeterName);
        var histogram = meter.CreateHistogram("bos.test.advised." + Guid.NewGuid().ToString("N"), "s", null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 7, 42] });
        histogram.Record(5);

        var name = histogram.Name.Replace('.', '_') + "_seconds_bucket";
        var buckets = (await PrometheusScrape.UntilAsync(client, scrape => scrape.Has(name))).Series(name);

        buckets.Select(labels => labels["le"]).Should().Equal("1", "7", "42", "+Inf");
    }

    [Fact]
    public void An_otlp_endpoint_turns_traces_on()
    {
        _ = traced.CreateClient();
        traced.Services.GetService<TracerProvider>().Should().NotBeNull();
    }

    [Fact]
    public async Task Telemetry_switched_off_serves_no_metrics()
    {
        (await off.CreateClient().GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        off.Services.GetService<TracerProvider>().Should().BeNull();
    }
}
