using Bos.Workers.Periodic;
using Microsoft.Extensions.Options;

namespace Bos.Workers.SessionCompletion;

/// <summary>Safety net of the event-driven completion check: checks every running session each sweep interval.</summary>
public sealed class SessionCompletionSweepConsumer(SessionCompletionOperator completion, PeriodicChains chains,
    IOptions<OperatorSettings> settings, TimeProvider clock, ILogger<SessionCompletionSweepConsumer> logger)
    : PeriodicTaskConsumer<SessionCompletionSweep>(chains, settings, clock, logger)
{
    protected override PeriodicTask Periodic => PeriodicTasks.SessionCompletionSweep;

    protected override TimeSpan Interval(OperatorSettings settings) => settings.SweepInterval;

    protected override SessionCompletionSweep NextTick(Guid token, DateTimeOffset? lastRunAt) => new(token, lastRunAt);

    protected override Task RunAsync(CancellationToken ct) => completion.RunAsync(ct);
}

public sealed class SessionCompletionSweepConsumerDefinition()
    : PeriodicTaskConsumerDefinition<SessionCompletionSweepConsumer>(PeriodicTasks.SessionCompletionSweep);
