using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bos.Contracts.Events;
using Bos.Core.Logging;
using Bos.Testing;
using FluentAssertions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using Xunit;

namespace Bos.Workers.Tests.Logging;

/// <summary>Smoke test of the worker host: it consumes an event published through the real RabbitMQ.</summary>
[NeedsServices]
public sealed class OptionsChangedConsumerTests(WorkerFactory factory) : IClassFixture<WorkerFactory>
{
    [Fact]
    public async Task Published_logging_level_reaches_the_worker_and_changes_its_level()
    {
        _ = factory.Services; // starts the host and its bus
        var bus = factory.Services.GetRequiredService<IBus>();
        var levels = factory.Services.GetRequiredService<LogLevelController>();

        await bus.Publish(new OptionsChanged
        {
            Options = new Dictionary<string, JsonElement> { ["logging_level"] = JsonSerializer.SerializeToElement("debug") },
            ChangedAt = DateTimeOffset.UtcNow,
        });

        await Eventually.True(() => levels.Level == LogEventLevel.Debug, "the log level follows OptionsChanged");
        levels.Level.Should().Be(LogEventLevel.Debug);
    }

    [Fact]
    public async Task Probes_report_live_and_ready()
    {
        var client = factory.CreateClient();
        (await client.GetAsync("/healthz/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/healthz/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_finds_the_workers_own_consumers_on_the_broker()
    {
        // The broker names a consumer's connection by address; the worker's own name is the connection's
        // user_provided_name. Matching the wrong one left the check "unknown" for ever, so a worker whose
        // endpoints had stopped consuming still said ready.
        var client = factory.CreateClient();
        var ready = await Eventually.Until(async () => await client.GetFromJsonAsync<JsonElement>("/healthz/ready"),
            r => r.GetProperty("consumersCheck").GetString() == "ok", "the consumer check to see this worker's consumers");
        // Every endpoint of the worker consumes (the bus's own response endpoint is not one of them).
        ready.GetProperty("notConsuming").GetArrayLength().Should().Be(0, ready.ToString());
        // A queue counts as not consuming on its second miss: stay ready over several checks (2 s apart).
        await Eventually.Never(async () => (await client.GetAsync("/healthz/ready")).StatusCode != HttpStatusCode.OK,
            "the worker turns unready", TimeSpan.FromSeconds(7));
    }
}
