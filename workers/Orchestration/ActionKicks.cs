using MassTransit;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Publishes the <see cref="ActionPending"/> kicks, never waiting long for the broker: the work itself waits in Redis
/// (<see cref="PendingActions"/>), so a kick lost while RabbitMQ is away costs nothing — <see cref="DeadlineWatch"/> kicks
/// every kind with waiting work and no drainer each round. A publish left to wait for the broker would instead hold up
/// whoever called it (an engine step, a drain holding its lease, the deadline round) for the whole outage.
/// </summary>
public sealed class ActionKicks(IBus bus, ILogger<ActionKicks> logger)
{
    /// <summary>How long a kick may wait for the broker.</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Kicks each kind once; returns the kinds whose kick was published.</summary>
    public async Task<IReadOnlyList<ActionKind>> KickAsync(IEnumerable<ActionKind> kinds, CancellationToken ct = default)
    {
        var kicked = new List<ActionKind>();
        foreach (var kind in kinds.Distinct())
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(PublishTimeout);
            try
            {
                await bus.Publish(new ActionPending(kind), timeout.Token);
                kicked.Add(kind);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("Could not kick the {Action} drain ({Error}); its work waits in Redis for the deadline watch's next kick",
                    kind, e.Message);
            }
        }
        return kicked;
    }
}
