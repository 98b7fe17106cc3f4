using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bos.Core.Components;

/// <summary>
/// Builds the session index (<see cref="SessionComponentIndex"/>) over records written before it existed, once, at
/// the API's start; readers scan until it is marked built. A failure (Redis away) is retried with the next start or
/// after a minute.
/// </summary>
public sealed class SessionIndexBuilder(ComponentRepository components, Redis.IRedisStore redis, ILogger<SessionIndexBuilder> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await redis.ExistsAsync(SessionComponentIndex.ReadyKey)) return;
                var started = System.Diagnostics.Stopwatch.StartNew();
                var indexed = await components.BuildSessionIndexAsync(stoppingToken);
                logger.LogInformation("Session index built over {Count} components in {Seconds:F1} s", indexed, started.Elapsed.TotalSeconds);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Could not build the session index, trying again in a minute: {Error}", e.Message);
                await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            }
        }
    }
}
