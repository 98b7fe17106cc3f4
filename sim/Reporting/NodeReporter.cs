using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Bos.Simulator.Options;
using Microsoft.Extensions.Options;

namespace Bos.Simulator.Reporting;

/// <summary>Result of one report: success, or the HTTP status (null for a connection error or timeout).</summary>
public readonly record struct ReportOutcome(bool Success, int? Status, string? Error);

/// <summary>One bos-reporter PATCH to send; <see cref="Done"/> runs when it has been answered or has failed.</summary>
public sealed record ReportJob(string Xname, string Token, Action<ReportOutcome> Done);

/// <summary>
/// Sends the bos-reporter PATCHes of every booted node through a few workers reading one queue, so 10,000 nodes
/// reporting at once means a queue of 10,000 small jobs and <see cref="ReporterOptions.Concurrency"/> requests in
/// flight. Retry timing is the node lifecycle's business (scheduled on the simulation's timer loop).
/// </summary>
public sealed class NodeReporter(
    IHttpClientFactory httpClients,
    IOptions<SimulatorOptions> options,
    ILogger<NodeReporter> logger) : BackgroundService
{
    public const string HttpClientName = "bos-reporter";
    private readonly Channel<ReportJob> _jobs = Channel.CreateUnbounded<ReportJob>(new UnboundedChannelOptions { SingleWriter = false });

    public void Enqueue(ReportJob job) => _jobs.Writer.TryWrite(job);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Math.Max(1, options.Value.Reporter.Concurrency);
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        var baseUrl = options.Value.Reporter.BosApiUrl.TrimEnd('/');
        try
        {
            await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken))
                job.Done(await SendAsync(client, baseUrl, job, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: queued reports are dropped with the simulation.
        }
    }

    private async Task<ReportOutcome> SendAsync(HttpClient client, string baseUrl, ReportJob job, CancellationToken stoppingToken)
    {
        // REP-04: the body bos-reporter sends, with its length (Python's requests sends Content-Length; a streamed
        // JsonContent went chunked, which costs the API a chunked-body pipe per report).
        var body = JsonSerializer.SerializeToUtf8Bytes(new { id = job.Xname, actual_state = new { bss_token = job.Token } });
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PatchAsync($"{baseUrl}/v2/components/{Uri.EscapeDataString(job.Xname)}", content, stoppingToken);
            if (response.IsSuccessStatusCode) return new ReportOutcome(true, (int)response.StatusCode, null);
            var text = await response.Content.ReadAsStringAsync(stoppingToken);
            logger.LogDebug("Report of {Xname} answered {Status}: {Body}", job.Xname, (int)response.StatusCode, text);
            return new ReportOutcome(false, (int)response.StatusCode, text.Length > 200 ? text[..200] : text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("Report of {Xname} failed: {Error}", job.Xname, e.Message);
            return new ReportOutcome(false, null, e.Message);
        }
    }
}
