using System.Collections.Concurrent;

namespace Bos.Simulator.Http;

/// <summary>
/// Counts requests per service route ("pcs POST /power-control/v1/power-status" → 3) for /sim/requests, so tests and
/// demos can see how a client batched its calls.
/// </summary>
public sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Count(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_counts.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    public void Clear() => _counts.Clear();
}

public sealed class RequestCounterMiddleware(RequestDelegate next, RequestCounter counter, ServiceDirectory services)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var service = services.ServiceOf(context.Request.Path);
        if (service is not null)
        {
            // Route template after routing (UseRouting runs first), so ids in paths do not split the counts.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value;
            counter.Count($"{service} {context.Request.Method} {route}");
        }
        await next(context);
    }
}
