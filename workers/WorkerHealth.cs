using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bos.Core.Health;
using Bos.Core.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers;

/// <summary>Bound from "Worker": how the worker judges its own health.</summary>
public sealed class WorkerHealthSettings
{
    public const string Section = "Worker";

    /// <summary>How often Redis, the broker connection and the consumers are checked.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the worker may stay unready before its liveness fails (so an orchestrator restarts it).</summary>
    public TimeSpan LivenessTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Exits the process (code 3) when liveness fails, for deployments without a liveness probe.</summary>
    public bool ExitWhenNotLive { get; set; }
}

/// <summary>One health verdict: what is wrong (empty when ready) and since when the worker is unready.</summary>
public sealed record WorkerHealthReport(bool RedisOk, string BrokerStatus, IReadOnlyList<string> NotConsuming, string ConsumersCheck,
    DateTimeOffset? UnreadySince)
{
    public bool Ready => RedisOk && BrokerStatus == "ok" && NotConsuming.Count == 0;
}

/// <summary>
/// The worker's readiness and liveness (issue #11): ready only while Redis answers, the bus is connected with every
/// receive endpoint healthy, and — asked of RabbitMQ's management API — each of its queues has a consumer on this
/// process's own connection (MassTransit can report an endpoint healthy while the broker shows no consumer). Not
/// live once unready for longer than <see cref="WorkerHealthSettings.LivenessTimeout"/>. While unready the worker
/// claims no lease (<see cref="IProcessReadiness"/>).
/// </summary>
public sealed class WorkerHealthMonitor(
    HealthProbe probe,
    IBusControl bus,
    IOptions<RabbitMqOptions> rabbit,
    IOptions<WorkerHealthSettings> settings,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<WorkerHealthMonitor> logger) : BackgroundService, IProcessReadiness
{
    private static readonly HttpClient Management = new() { Timeout = TimeSpan.FromSeconds(3) };
    private volatile WorkerHealthReport _report = new(true, "ok", [], "not checked yet", null);
    private readonly Dictionary<string, int> _missing = new();

    public bool IsReady => _report.Ready;

    public WorkerHealthReport Report => _report;

    public bool IsLive => _report.UnreadySince is not { } since || clock.GetUtcNow() - since < settings.Value.LivenessTimeout;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await Started(stoppingToken)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Health check failed: {Error}", e.Message);
            }
            if (!IsLive && settings.Value.ExitWhenNotLive)
            {
                logger.LogCritical("Unready since {Since}, longer than {Timeout}: exiting so the worker is restarted", _report.UnreadySince, settings.Value.LivenessTimeout);
                Environment.Exit(3);
            }
            try { await Task.Delay(settings.Value.HealthCheckInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task<WorkerHealthReport> CheckAsync(CancellationToken ct = default)
    {
        var basic = await probe.CheckAsync();
        var health = bus.CheckHealth();
        // The bus's own endpoint (for responses) gets a consumer only when a request is sent: not a consuming endpoint.
        var busQueue = QueueOf(bus.Address.ToString());
        var queues = health.Endpoints.Keys.Select(QueueOf).OfType<string>().Where(q => q != busQueue).Distinct().ToList();
        var unhealthy = health.Endpoints.Where(e => e.Value.Status != BusHealthStatus.Healthy)
            .Select(e => QueueOf(e.Key) ?? e.Key).ToList();
        var (notConsuming, consumersCheck) = basic.BrokerOk ? await ConsumersAsync(queues, ct) : ([], "skipped: broker not connected");
        var wrong = unhealthy.Union(notConsuming).OrderBy(q => q, StringComparer.Ordinal).ToList();

        var previous = _report;
        var ready = basic.RedisOk && basic.BrokerOk && wrong.Count == 0;
        DateTimeOffset? since = ready ? null : previous.UnreadySince ?? clock.GetUtcNow();
        var report = new WorkerHealthReport(basic.RedisOk, basic.BrokerStatus, wrong, consumersCheck, since);
        _report = report;
        if (previous.Ready && !ready)
            logger.LogWarning("Worker not ready: redis {Redis}, broker {Broker}, endpoints not consuming {Endpoints}; it claims no lease until it is",
                basic.RedisOk ? "ok" : "not_available", basic.BrokerStatus, wrong);
        else if (!previous.Ready && ready)
            logger.LogInformation("Worker ready again after {Duration}", clock.GetUtcNow() - previous.UnreadySince);
        return report;
    }

    /// <summary>
    /// The queues of this worker without a consumer on its own connection (twice in a row, so a consumer being
    /// re-created is not reported), from the management API; nothing when that API cannot be asked.
    /// </summary>
    private async Task<(IReadOnlyList<string>, string)> ConsumersAsync(IReadOnlyList<string> queues, CancellationToken ct)
    {
        var options = rabbit.Value;
        if (options.ManagementPort == 0 || string.IsNullOrEmpty(options.ConnectionName)) return ([], "off");
        HashSet<string> consumed;
        try
        {
            // Consumers name their connection by address ("127.0.0.1:33416 -> 127.0.0.1:5672"); the name this worker
            // gave its connection is the connection's user_provided_name, so the addresses come from the connections.
            var vhost = Uri.EscapeDataString(options.VirtualHost);
            using var connections = await ManagementGetAsync(options, $"vhosts/{vhost}/connections?columns=name,user_provided_name", ct);
            if (connections is null) return ([], "unknown: management API refused the request");
            var ours = connections.RootElement.EnumerateArray()
                .Where(c => c.TryGetProperty("user_provided_name", out var name) && name.GetString() == options.ConnectionName)
                .Select(c => c.GetProperty("name").GetString())
                .ToHashSet(StringComparer.Ordinal);
            using var consumers = await ManagementGetAsync(options, $"consumers/{vhost}?columns=queue.name,channel_details.connection_name", ct);
            if (consumers is null) return ([], "unknown: management API refused the request");
            consumed = consumers.RootElement.EnumerateArray()
                .Where(c => c.TryGetProperty("channel_details", out var channel) && channel.ValueKind == JsonValueKind.Object
                            && channel.TryGetProperty("connection_name", out var name) && ours.Contains(name.GetString()))
                .Select(c => c.GetProperty("queue").GetProperty("name").GetString()!)
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return ([], $"unknown: {e.Message}");
        }
        // No consumer at all under our name: the connection is not the one the check can identify (renamed by a
        // harness, another virtual host); not a verdict on the endpoints.
        if (consumed.Count == 0) return ([], $"unknown: no consumer on connection {options.ConnectionName}");
        var missing = new List<string>();
        foreach (var queue in queues)
        {
            if (consumed.Contains(queue)) { _missing.Remove(queue); continue; }
            _missing[queue] = _missing.GetValueOrDefault(queue) + 1;
            if (_missing[queue] >= 2) missing.Add(queue);
        }
        return (missing, "ok");
    }

    /// <summary>One GET of the management API; null when it answers with an error status.</summary>
    private static async Task<JsonDocument?> ManagementGetAsync(RabbitMqOptions options, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{options.Host}:{options.ManagementPort}/api/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
        using var response = await Management.SendAsync(request, ct);
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)) : null;
    }

    /// <summary>The queue of a receive endpoint address; null for the bus's temporary endpoint.</summary>
    private static string? QueueOf(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)) return null;
        if (uri.Query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase)) return null;
        var name = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return name is null ? null : Uri.UnescapeDataString(name);
    }

    private async Task<bool> Started(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = ct.Register(() => started.TrySetCanceled());
        try { await started.Task; return true; }
        catch (OperationCanceledException) { return false; }
    }
}
