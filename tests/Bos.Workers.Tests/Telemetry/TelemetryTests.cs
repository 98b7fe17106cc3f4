using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bos.Core.Telemetry;
using Bos.Testing;
using Bos.Workers.Tests.Orchestration;
using FluentAssertions;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace Bos.Workers.Tests.Telemetry;

/// <summary>Every operator family in one worker; the API reads the cluster gauges often.</summary>
public sealed class TelemetryCluster : OrchestrationCluster
{
    protected override string OperatorFamilies => "sessions,components";

    protected override IReadOnlyDictionary<string, string> ApiOverrides { get; } = new Dictionary<string, string>
    {
        ["Telemetry:GaugeInterval"] = "00:00:00.200",
    };
}

/// <summary>
/// End to end (real API, worker, Redis, RabbitMQ and simulator): a session moves the metrics that API and worker serve
/// at /metrics, and one trace follows it from the API request through the outbox, RabbitMQ and the worker to PCS.
/// </summary>
[Collection(ProcessWideMetricsCollection.Name)]
[NeedsServices]
public sealed class TelemetryTests(TelemetryCluster cluster) : IClassFixture<TelemetryCluster>, IAsyncLifetime
{
    private const string Image = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";
    private HttpClient Api => cluster.Api;

    public Task InitializeAsync() => cluster.DiscoverAllNodesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_boot_session_moves_the_counters_and_gauges_of_the_api_and_the_worker()
    {
        using var workerHttp = cluster.Worker.CreateClient();
        var apiBefore = await PrometheusScrape.FromAsync(Api);
        var workerBefore = await PrometheusScrape.FromAsync(workerHttp);

        var session = await RunBoot("metrics", [1, 2]);

        var api = await PrometheusScrape.FromAsync(Api);
        var worker = await PrometheusScrape.FromAsync(workerHttp);
        Moved(apiBefore, api, "http_server_request_duration_seconds_count", ("http_route", "/v2/sessions/"), ("http_response_status_code", "201"))
            .Should().Be(1);
        Moved(apiBefore, api, "bos_sessions_created_total", ("operation", "boot")).Should().Be(1);
        Moved(apiBefore, api, "bos_outbox_published_total", ("event", "SessionCreated")).Should().BeGreaterThanOrEqualTo(1);
        api.Sum("bos_outbox_relay_lag_seconds_count").Should().BePositive();

        Moved(workerBefore, worker, "bos_power_actions_total", ("kind", "power-on"), ("outcome", "called")).Should().BeGreaterThanOrEqualTo(2);
        Moved(workerBefore, worker, "bos_service_call_duration_seconds_count", ("service", "pcs"), ("outcome", "2xx")).Should().BePositive();
        Moved(workerBefore, worker, "bos_service_call_duration_seconds_count", ("service", "bss"), ("outcome", "2xx")).Should().BePositive();
        Moved(workerBefore, worker, "bos_session_duration_seconds_count", ("operation", "boot"), ("outcome", "success")).Should().Be(1);
        // MassTransit's meter is exported: MassTransit creates it once per process through the first host's
        // IMeterFactory, so in this test process (earlier clusters disposed theirs) a stand-in meter of that name is used.
        MassTransitMeterProbe.Add(1);
        // (Eventually: the exporter serves a scrape again for a moment.)
        await Eventually.True(async () => (await PrometheusScrape.FromAsync(workerHttp)).Sum("bos_test_masstransit_probe_total",
            ("otel_scope_name", "MassTransit")) > 0, "the worker exports the meter named MassTransit", TimeSpan.FromSeconds(5));

        // The cluster gauges (read from Redis every 200 ms here): the completed session, the 16 components all stable
        // and disabled again, nothing left in the outbox.
        await Eventually.True(async () =>
        {
            var gauges = await PrometheusScrape.FromAsync(Api);
            return gauges.Sum("bos_sessions", ("operation", "boot"), ("status", "complete")) >= 1
                   && gauges.Sum("bos_components") == cluster.NodeCount
                   && gauges.Sum("bos_components", ("status", "stable"), ("enabled", "false")) == cluster.NodeCount
                   && gauges.Has("bos_outbox_backlog") && gauges.Has("bos_scheduler_backlog");
        }, $"session {session} counted complete and every component stable", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task One_trace_follows_a_session_from_the_api_request_through_the_worker_to_pcs()
    {
        var spans = new List<Activity>();
        ActivityTraceId traceId;
        using (Sdk.CreateTracerProviderBuilder()
                   .AddSource(BosActivities.SourceName, "MassTransit", TestSource.Name)
                   .AddAspNetCoreInstrumentation()
                   .AddHttpClientInstrumentation()
                   .AddInMemoryExporter(spans)
                   .Build())
        {
            // The caller's span: its trace identifies this session's spans among those of tests running beside it.
            using var caller = TestSource.StartActivity("cray bos v2 sessions create")!;
            traceId = caller.TraceId;
            await RunBoot("traced", [3, 4]);
        }

        var trace = spans.Where(s => s.TraceId == traceId).ToList();
        trace.Should().ContainSingle(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") as string == "/v2/sessions/"
                                          && s.GetTagItem("http.request.method") as string == "POST", "the API request is in the trace");
        trace.Should().Contain(s => s.Source.Name == BosActivities.SourceName && s.DisplayName == "outbox relay SessionCreated",
            "the API's relay publishes the session in the request's trace");
        trace.Should().Contain(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer, "the worker consumed within it");
        trace.Should().Contain(s => s.Source.Name == BosActivities.SourceName && s.DisplayName == "outbox relay ComponentsChanged",
            "session setup's component writes continue it through the outbox");
        trace.Should().Contain(s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http"
                                    && (s.GetTagItem("url.full") as string ?? "").Contains("/power-control/v1/transitions"),
            "the power-on batch's PCS call is part of the session's trace; spans: " + string.Join(", ", trace.Select(s => s.DisplayName)));
    }

    private static readonly ActivitySource TestSource = new("Bos.Workers.Tests.Telemetry");

    private static readonly System.Diagnostics.Metrics.Meter MassTransitMeter = new("MassTransit");
    private static readonly System.Diagnostics.Metrics.Counter<long> MassTransitMeterProbe = MassTransitMeter.CreateCounter<long>("bos.test.masstransit.probe");

    private static double Moved(PrometheusScrape before, PrometheusScrape after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);

    private async Task<string> RunBoot(string name, int[] nodes)
    {
        var list = string.Join(',', nodes.Select(n => $"\"{OrchestrationCluster.Node(n)}\""));
        var template = $$$"""{"boot_sets":{"compute":{"path":"{{{Image}}}","type":"s3","node_list":[{{{list}}}]}},"cfs":{"configuration":"compute-config"}}""";
        (await Api.PutAsync($"/v2/sessiontemplates/{name}", Json(template))).StatusCode.Should().Be(HttpStatusCode.OK);
        using var response = await Api.PostAsync("/v2/sessions", Json(JsonSerializer.Serialize(new { template_name = name, operation = "boot" })));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var session = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString()!;
        await Eventually.True(async () => (await Api.GetFromJsonAsync<JsonElement>($"/v2/sessions/{session}")).GetProperty("status")
            .GetProperty("status").GetString() == "complete", $"session {session} complete", TimeSpan.FromSeconds(90));
        return session;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
