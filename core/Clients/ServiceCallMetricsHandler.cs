using System.Diagnostics;
using Bos.Core.Telemetry;

namespace Bos.Core.Clients;

/// <summary>
/// Times each call of one service's client, outside <see cref="ServiceResilienceHandler"/> so that a call is measured
/// as its caller sees it (retries and back-off included) and labelled by how it ended (docs/metrics.md).
/// </summary>
public sealed class ServiceCallMetricsHandler(string service) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!BosMetrics.ServiceCallDuration.Enabled) return await base.SendAsync(request, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            outcome = Outcome((int)response.StatusCode);
            return response;
        }
        catch (TimeoutException)
        {
            outcome = "timeout";
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "canceled";
            throw;
        }
        finally
        {
            BosMetrics.RecordServiceCall(service, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>The outcome label of an HTTP status: its class ("2xx", "4xx", "5xx", …).</summary>
    public static string Outcome(int status) => status switch
    {
        >= 200 and < 300 => "2xx",
        >= 300 and < 400 => "3xx",
        >= 400 and < 500 => "4xx",
        >= 500 and < 600 => "5xx",
        _ => "error",
    };
}
