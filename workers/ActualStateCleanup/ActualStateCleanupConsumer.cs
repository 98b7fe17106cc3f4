using Bos.Workers.Periodic;
using Microsoft.Extensions.Options;

namespace Bos.Workers.ActualStateCleanup;

/// <summary>Actual-state cleanup (OP-17); component_actual_state_ttl is read from the options at every run.</summary>
public sealed class ActualStateCleanupConsumer(ActualStateCleanupOperator cleanup, PeriodicChains chains,
    IOptions<OperatorSettings> settings, TimeProvider clock, ILogger<ActualStateCleanupConsumer> logger)
    : PeriodicTaskConsumer<ActualStateCleanupTick>(chains, settings, clock, logger)
{
    protected override PeriodicTask Periodic => PeriodicTasks.ActualStateCleanup;

    protected override TimeSpan Interval(OperatorSettings settings) => settings.ActualStateCleanupInterval;

    protected override ActualStateCleanupTick NextTick(Guid token, DateTimeOffset? lastRunAt) => new(token, lastRunAt);

    protected override Task RunAsync(CancellationToken ct) => cleanup.RunAsync(ct);
}

public sealed class ActualStateCleanupConsumerDefinition()
    : PeriodicTaskConsumerDefinition<ActualStateCleanupConsumer>(PeriodicTasks.ActualStateCleanup);
