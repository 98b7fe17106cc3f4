using System.Diagnostics.Metrics;
using Bos.Core.Telemetry;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Telemetry;

public sealed class SeriesLimitTests
{
    [Theory]
    [InlineData(BosMetrics.MeterName, "bos.power.actions", 500)]
    [InlineData("Microsoft.AspNetCore.Hosting", "http.server.request.duration", 500)]
    [InlineData("Microsoft.AspNetCore.Hosting", ClusterGauges.SessionsGauge, 500)]
    [InlineData(BosMetrics.MeterName, ClusterGauges.SessionsGauge, null)]
    public void Every_metric_keeps_the_configured_series_but_the_sessions_gauge_labelled_by_tenant(string meterName, string name, int? limit)
    {
        using var meter = new Meter(meterName);
        var instrument = meter.CreateCounter<long>(name);
        var configuration = TelemetryRegistration.SeriesLimit(instrument, 500);

        if (limit is null) configuration.Should().BeNull("the SDK's default applies");
        else configuration!.CardinalityLimit.Should().Be(limit);
    }
}
