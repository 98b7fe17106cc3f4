using Microsoft.Extensions.Logging;

namespace Bos.Core.Clients;

/// <summary>
/// One failed attempt of a service call that <see cref="ServiceResilienceHandler"/> is about to retry: the 5xx
/// answer, the connection error or the read timeout, and where the retries stand.
/// </summary>
public sealed record ServiceAttemptFailure(
    string Service, string Method, Uri? Url, int? StatusCode, string? Reason, TimeSpan? Timeout, int Retry, int MaxRetries, TimeSpan Delay)
{
    /// <summary>What went wrong, e.g. "pcs POST http://…/transitions: HTTP 503 Service Unavailable".</summary>
    public string What => $"{Service} {Method} {Url}: " + (StatusCode is { } code ? $"HTTP {code} {Reason}".TrimEnd()
        : Timeout is { } t ? $"no answer within the read timeout ({t.TotalSeconds:0.#} s)"
        : Reason);

    /// <summary>Where the retries stand, e.g. "retry 1 of 10 in 0.5 s".</summary>
    public string Retrying => $"retry {Retry} of {MaxRetries} in {Delay.TotalSeconds:0.#} s";
}

/// <summary>
/// Lets the code that makes a service call hear about each failed attempt while the client still retries it (the
/// retries of a failing or hanging service take minutes), e.g. to show the failure in the affected components'
/// `error` at once. The observer is an ambient value of the calling flow (an <see cref="AsyncLocal{T}"/>), so it
/// reaches the HTTP handler without a parameter through every client; calls made outside an observed flow report nothing.
/// </summary>
public static class ServiceAttempts
{
    private static readonly AsyncLocal<Func<ServiceAttemptFailure, Task>?> Current = new();

    /// <summary>Reports each failed attempt of the calls made until the result is disposed to <paramref name="observer"/>.</summary>
    public static IDisposable Observe(Func<ServiceAttemptFailure, Task> observer)
    {
        var previous = Current.Value;
        Current.Value = observer;
        return new Restore(previous);
    }

    /// <summary>Tells the observer of the current flow, if any; its failures are logged and never fail the call.</summary>
    public static async ValueTask ReportAsync(ServiceAttemptFailure failure, ILogger logger)
    {
        if (Current.Value is not { } observer) return;
        try
        {
            await observer(failure);
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not report a failed {Service} attempt: {Error}", failure.Service, e.Message);
        }
    }

    private sealed class Restore(Func<ServiceAttemptFailure, Task>? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
