using System.Diagnostics;
using System.Net;
using Bos.Core.Options;
using Bos.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Bos.Core.Clients;

/// <summary>
/// Retries and timeouts for one service's HttpClient (EXT-01), as a Polly pipeline in a DelegatingHandler: each
/// attempt gets the service's read timeout (from the live options); 500/502/503/504, connection errors and
/// timeouts are retried with exponential back-off up to the service's retry budget. What is left after the last
/// retry reaches the caller: the 5xx response, the HttpRequestException, or a TimeoutException.
/// </summary>
public sealed class ServiceResilienceHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("bos.request");
    private readonly ServicePolicy _policy;
    private readonly IBosOptionsSource _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public ServiceResilienceHandler(ServicePolicy policy, IBosOptionsSource options, ServiceRetryOptions retry, ILogger logger)
    {
        _policy = policy;
        _options = options;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                // The budget is read per attempt (IMS's depends on ims_errors_fatal), so the static cap is "unlimited".
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(Math.Max(0, retry.BackoffSeconds)),
                MaxDelay = TimeSpan.FromSeconds(Math.Max(retry.BackoffSeconds, retry.MaxBackoffSeconds)),
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(
                    IsTransient(args.Outcome) && args.AttemptNumber < policy.MaxRetries(options.Current, retry)),
                OnRetry = async args =>
                {
                    args.Context.Properties.TryGetValue(RequestKey, out var request);
                    logger.LogWarning(
                        "Retrying {Service} {Method} {Url} in {Delay} (retry {Retry}) after {Reason}",
                        policy.Name, request?.Method, request?.RequestUri, args.RetryDelay, args.AttemptNumber + 1,
                        args.Outcome.Exception?.Message ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}");
                    var response = args.Outcome.Result;
                    var timedOut = args.Outcome.Exception is TimeoutRejectedException;
                    BosMetrics.ServiceRetries.Add(1, new TagList
                    {
                        { "service", policy.Name }, { "reason", response is not null ? "5xx" : timedOut ? "timeout" : "connection" },
                    });
                    var failure = new ServiceAttemptFailure(policy.Name, request?.Method.Method ?? "?", request?.RequestUri,
                        response is null ? null : (int)response.StatusCode, response?.ReasonPhrase ?? args.Outcome.Exception?.Message,
                        timedOut ? policy.ReadTimeout(options.Current) : null,
                        args.AttemptNumber + 1, policy.MaxRetries(options.Current, retry), args.RetryDelay);
                    response?.Dispose();
                    // The caller may show the failure while the retries go on (e.g. in the components' error).
                    await ServiceAttempts.ReportAsync(failure, logger);
                },
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = _ => ValueTask.FromResult(policy.ReadTimeout(options.Current)),
            })
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request));
        }
        catch (TimeoutRejectedException e)
        {
            var seconds = _policy.ReadTimeout(_options.Current).TotalSeconds;
            throw new TimeoutException($"{_policy.Name}: {request.Method} {request.RequestUri} timed out (read timeout={seconds}s)", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
