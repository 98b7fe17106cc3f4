using System.Text.Json;

namespace Bos.Bench;

/// <summary>
/// Where the messages go during a run: samples every queue of the run's virtual host (RabbitMQ management API) and
/// reports per queue the messages delivered, per node, the largest backlog seen and when it was seen. The queue with
/// the largest and longest backlog is the bottleneck.
/// </summary>
public sealed class QueueProfile : IAsyncDisposable
{
    private static HttpClient Management => BenchEnvironment.Management;
    private readonly string _vhost;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly Dictionary<string, long> _deliveredBefore;
    private readonly Dictionary<string, (long Backlog, double At)> _peaks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private QueueProfile(string vhost, Dictionary<string, long> deliveredBefore)
    {
        _vhost = vhost;
        _deliveredBefore = deliveredBefore;
        _sampling = Task.Run(SampleAsync);
    }

    public static async Task<QueueProfile> StartAsync(string vhost) =>
        new(vhost, (await ReadAsync(vhost)).ToDictionary(q => q.Name, q => q.Delivered));

    /// <summary>Markdown table rows: queue, delivered, per node, peak backlog and its time since the start.</summary>
    public async Task<IReadOnlyList<string>> ReportAsync(int nodes)
    {
        await _stop.CancelAsync();
        await _sampling;
        var rows = new List<string> { "| queue | delivered | per node | peak backlog | at |", "|---|---|---|---|---|" };
        foreach (var q in (await ReadAsync(_vhost)).OrderByDescending(q => q.Delivered - _deliveredBefore.GetValueOrDefault(q.Name)))
        {
            var delivered = q.Delivered - _deliveredBefore.GetValueOrDefault(q.Name);
            if (delivered == 0 && !_peaks.ContainsKey(q.Name)) continue;
            var (backlog, at) = _peaks.GetValueOrDefault(q.Name);
            rows.Add($"| {q.Name} | {delivered:N0} | {delivered / (double)Math.Max(1, nodes):F1} | {backlog:N0} | +{at:F1} s |");
        }
        return rows;
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var at = (DateTimeOffset.UtcNow - _started).TotalSeconds;
                foreach (var q in await ReadAsync(_vhost))
                    if (q.Backlog > _peaks.GetValueOrDefault(q.Name).Backlog) _peaks[q.Name] = (q.Backlog, at);
                await Task.Delay(500, _stop.Token);
            }
            catch (OperationCanceledException) { return; }
            catch (HttpRequestException) { }
        }
    }

    private sealed record QueueSample(string Name, long Delivered, long Backlog);

    private static async Task<List<QueueSample>> ReadAsync(string vhost)
    {
        using var doc = JsonDocument.Parse(await Management.GetStringAsync(
            $"queues/{Uri.EscapeDataString(vhost)}?columns=name,messages,message_stats.deliver_get"));
        return doc.RootElement.EnumerateArray().Select(q => new QueueSample(
            q.GetProperty("name").GetString()!, // RabbitMQ sends "message_stats": [] for a queue without traffic
            q.TryGetProperty("message_stats", out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty("deliver_get", out var d) ? d.GetInt64() : 0,
            q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _sampling; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
