using Bos.Contracts.Resources;
using Bos.Core.Sessions;
using Bos.Workers.Periodic;
using Microsoft.Extensions.Options;

namespace Bos.Workers.SessionSetup;

/// <summary>Safety net of <see cref="SessionSetupConsumer"/>: sets up every session still pending (a lost event, a failed attempt).</summary>
public sealed class SessionSetupSweepConsumer(SessionRepository sessions, SessionSetupOperator setup, PeriodicChains chains,
    IOptions<OperatorSettings> settings, TimeProvider clock, ILogger<SessionSetupSweepConsumer> logger)
    : PeriodicTaskConsumer<SessionSetupSweep>(chains, settings, clock, logger)
{
    protected override PeriodicTask Periodic => PeriodicTasks.SessionSetupSweep;

    protected override TimeSpan Interval(OperatorSettings settings) => settings.SweepInterval;

    protected override SessionSetupSweep NextTick(Guid token, DateTimeOffset? lastRunAt) => new(token, lastRunAt);

    protected override async Task RunAsync(CancellationToken ct)
    {
        foreach (var session in (await sessions.ListWithoutNodeListsAsync()).Where(s => s.Status?.Status == SessionStatusLabels.Pending))
        {
            try
            {
                await setup.RunAsync(session.Name!, session.Tenant, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One session's storage failure must not keep the others pending.
                logger.LogError(e, "Setup of pending session {SessionName} (tenant {Tenant}) failed; retried next sweep", session.Name, session.Tenant);
            }
        }
    }
}

public sealed class SessionSetupSweepConsumerDefinition() : PeriodicTaskConsumerDefinition<SessionSetupSweepConsumer>(PeriodicTasks.SessionSetupSweep);
