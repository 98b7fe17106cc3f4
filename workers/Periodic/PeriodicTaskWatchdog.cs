using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Periodic;

/// <summary>
/// Starts every periodic task that has no live chain: at start-up (the first worker starts them all) and every
/// <see cref="OperatorSettings.WatchdogInterval"/> (a chain whose worker died expires after its hold).
/// </summary>
public sealed class PeriodicTaskWatchdog(PeriodicChains chains, IBus bus, Bos.Core.Health.IProcessReadiness readiness, IOptions<OperatorSettings> settings, TimeProvider clock,
    ILogger<PeriodicTaskWatchdog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var task in PeriodicTasks.All)
            {
                // An unready worker starts no chain (it claims the chain's key): a healthy one will.
                if (!readiness.IsReady) break;
                try
                {
                    if (await chains.TryStartAsync(task.Name, settings.Value.Grace) is not { } token) continue;
                    var endpoint = await bus.GetSendEndpoint(task.Address);
                    await endpoint.Send((object)task.FirstTick(token), stoppingToken);
                    logger.LogInformation("Started periodic task {Task}", task.Name);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Cannot check periodic task {Task}; trying again later", task.Name);
                }
            }
            try
            {
                await Task.Delay(settings.Value.WatchdogInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
