using Bos.Workers.Periodic;
using Microsoft.Extensions.Options;

namespace Bos.Workers.SessionCleanup;

/// <summary>Session cleanup (OP-19): deletes old complete sessions; the TTL is read from the options at every run.</summary>
public sealed class SessionCleanupConsumer(SessionCleanupOperator cleanup, PeriodicChains chains,
    IOptions<OperatorSettings> settings, TimeProvider clock, ILogger<SessionCleanupConsumer> logger)
    : PeriodicTaskConsumer<SessionCleanupTick>(chains, settings, clock, logger)
{
    protected override PeriodicTask Periodic => PeriodicTasks.SessionCleanup;

    protected override TimeSpan Interval(OperatorSettings settings) => settings.SessionCleanupInterval;

    protected override SessionCleanupTick NextTick(Guid token, DateTimeOffset? lastRunAt) => new(token, lastRunAt);

    protected override Task RunAsync(CancellationToken ct) => cleanup.RunAsync();
}

public sealed class SessionCleanupConsumerDefinition() : PeriodicTaskConsumerDefinition<SessionCleanupConsumer>(PeriodicTasks.SessionCleanup);
