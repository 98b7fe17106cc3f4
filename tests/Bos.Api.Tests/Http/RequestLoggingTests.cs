using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bos.Core.Logging;
using Bos.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Xunit;

namespace Bos.Api.Tests.Http;

/// <summary>The API's log events as a sink registered in its services receives them (AddBosLogging reads sinks from there).</summary>
public sealed class LogCaptureApiFactory : ApiHostFactory, ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IEnumerable<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    protected override IEnumerable<KeyValuePair<string, string>> Settings() => base.Settings().Append(new("Logging:Level", "INFO"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(this));
    }
}

/// <summary>Serilog.AspNetCore's request event: what it carries, at which level, and what it never carries.</summary>
[NeedsServices]
public sealed class RequestLoggingTests(LogCaptureApiFactory factory) : IClassFixture<LogCaptureApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_refused_request_is_logged_at_information_with_its_session_id_and_no_authorization()
    {
        var id = ApiJson.Unique("ses");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/apis/bos/v2/sessions/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "secret-token-value");
        (await _client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var logged = await RequestEvent(e => Property(e, "SessionId") == id);
        logged.Level.Should().Be(LogEventLevel.Information);
        Property(logged, "RequestMethod").Should().Be("GET");
        Property(logged, "RequestPath").Should().Be($"/apis/bos/v2/sessions/{id}");
        Property(logged, "StatusCode").Should().Be("404");
        logged.MessageTemplate.Text.Should().Be("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms");
        factory.Events.Should().NotContain(e => Text(e).Contains("secret-token-value"));
    }

    [Fact]
    public async Task A_request_event_carries_the_trace_id_of_the_w3c_context_the_request_came_with()
    {
        var id = ApiJson.Unique("ses");
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/sessions/{id}");
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01");
        (await _client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var logged = await RequestEvent(e => Property(e, "SessionId") == id);
        logged.TraceId.Should().Be(traceId, "logs are correlated with the caller's trace");
        logged.SpanId.Should().NotBeNull();
    }

    [Fact]
    public async Task A_component_request_carries_its_component_id()
    {
        var id = ApiJson.Unique("x9000c0s0b0n");
        (await _client.Get($"/v2/components/{id}")).Status.Should().Be(HttpStatusCode.NotFound);

        var logged = await RequestEvent(e => Property(e, "ComponentId") == id);
        Property(logged, "RequestPath").Should().Be($"/v2/components/{id}");
        Property(logged, "SessionId").Should().BeNull();
    }

    [Fact]
    public async Task Successful_requests_are_debug_events_shown_once_logging_level_is_DEBUG()
    {
        var levels = factory.Services.GetRequiredService<LogLevelController>();
        var path = $"/v2/components/{ApiJson.Unique("x1")}";
        await _client.Put(path, """{"enabled": false}""");
        (await _client.Get(path)).Status.Should().Be(HttpStatusCode.OK);
        await Task.Delay(200);
        factory.Events.Should().NotContain(e => Property(e, "RequestPath") == path && Property(e, "RequestMethod") == "GET");

        levels.Apply("DEBUG").Should().BeTrue();
        try
        {
            (await _client.Get(path)).Status.Should().Be(HttpStatusCode.OK);
            var logged = await RequestEvent(e => Property(e, "RequestPath") == path && Property(e, "RequestMethod") == "GET");
            logged.Level.Should().Be(LogEventLevel.Debug);
        }
        finally
        {
            levels.Apply("INFO");
        }
    }

    [Fact]
    public async Task What_a_handler_logs_carries_the_route_ids_as_a_log_scope()
    {
        var name = ApiJson.Unique("tpl");
        // Without S3 and IMS the boot set cannot be checked: saved, with a warning logged by the save pipeline.
        var body = """{"boot_sets": {"compute": {"path": "s3://boot-images/i/manifest.json", "type": "s3", "node_list": ["x3000c0s1b0n0"]}}}""";
        (await _client.PutAsync($"/v2/sessiontemplates/{name}", new StringContent(body, Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        await Eventually.True(() => factory.Events.Any(e => e.Level == LogEventLevel.Warning && Property(e, "SessionTemplateId") == name),
            "a warning logged with the template id");
        factory.Events.Should().Contain(e => Property(e, "SourceContext") != RequestSource && Property(e, "SessionTemplateId") == name);
    }

    private const string RequestSource = "Serilog.AspNetCore.RequestLoggingMiddleware";

    private async Task<LogEvent> RequestEvent(Func<LogEvent, bool> match)
    {
        bool Matches(LogEvent e) => Property(e, "SourceContext") == RequestSource && match(e);
        await Eventually.True(() => factory.Events.Any(Matches), "the request event");
        return factory.Events.First(Matches);
    }

    private static string? Property(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) ? value is ScalarValue { Value: var v } ? v?.ToString() : value.ToString() : null;

    private static string Text(LogEvent e) =>
        e.RenderMessage() + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}")) + e.Exception;
}
