using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Periodic;

/// <summary>
/// A periodic task driven by one self-rescheduling tick (the Redis scheduler has no recurring schedules). Each tick:
/// claims itself (<see cref="PeriodicChains"/>), runs the task when its interval has passed since the last run
/// (the interval is read at every tick, so option changes apply), then schedules the next tick for when the task
/// is due, but at most <see cref="OperatorSettings.MaxSleep"/> ahead. A failed run is logged and retried next time;
/// a tick lost with a crashed worker ends its chain, which the watchdog restarts once the chain's hold expires.
/// </summary>
public abstract class PeriodicTaskConsumer<TTick>(PeriodicChains chains, IOptions<OperatorSettings> settings, TimeProvider clock, ILogger logger)
    : IConsumer<TTick>
    where TTick : class, IPeriodicTick
{
    protected abstract PeriodicTask Periodic { get; }

    /// <summary>Time between runs, from the current options or settings.</summary>
    protected abstract TimeSpan Interval(OperatorSettings settings);

    protected abstract Task RunAsync(CancellationToken ct);

    protected abstract TTick NextTick(Guid token, DateTimeOffset? lastRunAt);

    public async Task Consume(ConsumeContext<TTick> context)
    {
        var current = settings.Value;
        if (await chains.ClaimAsync(Periodic.Name, context.Message.Token, current.Grace) is not { } next)
        {
            logger.LogDebug("Dropping a stale {Task} tick", Periodic.Name);
            return;
        }

        var lastRun = context.Message.LastRunAt;
        var started = clock.GetUtcNow();
        if (lastRun is null || started - lastRun.Value >= Interval(current))
        {
            lastRun = started;
            try
            {
                await RunAsync(context.CancellationToken);
            }
            catch (Exception e)
            {
                // Whatever happened (a service down, a timeout, shutdown), the chain must go on: the next tick is scheduled below.
                logger.LogError(e, "{Task} failed; it runs again at its next interval", Periodic.Name);
            }
        }

        var wait = lastRun.Value + Interval(current) - clock.GetUtcNow();
        var delay = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > current.MaxSleep ? current.MaxSleep : wait;
        if (!await chains.HoldAsync(Periodic.Name, next, delay + current.Grace))
        {
            logger.LogInformation("{Task} was restarted by another worker while running; this chain ends", Periodic.Name);
            return;
        }
        await context.ScheduleSend(context.ReceiveContext.InputAddress, delay, NextTick(next, lastRun));
    }
}

/// <summary>
/// The endpoint of a periodic task: named after the task (the watchdog sends first ticks there), one tick at a time.
/// Retries cover a Redis blip while claiming or rescheduling; a retry after a successful claim is dropped as stale,
/// so a run is never repeated.
/// </summary>
public abstract class PeriodicTaskConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected PeriodicTaskConsumerDefinition(PeriodicTask task)
    {
        EndpointName = task.Name;
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(1000, 5000, 15000));
}
