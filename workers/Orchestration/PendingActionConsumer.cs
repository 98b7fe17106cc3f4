using System.Diagnostics;
using Bos.Core.Health;
using Bos.Core.Options;
using Bos.Core.Redis;
using MassTransit;

namespace Bos.Workers.Orchestration;

/// <summary>A batched call the engine asks for: handles up to <see cref="BatchSize"/> waiting components at once.</summary>
public interface IActionHandler
{
    ActionKind Kind { get; }

    /// <summary>The largest batch: max_component_batch_size, and PCS's 2,500 where PCS is called.</summary>
    int BatchSize(BosOptions options);

    /// <summary>
    /// Handles the batch (component id → reason or power hint) and steps the engine with the outcome. Calls
    /// <paramref name="acted"/> once the calls that act or observe are made and only their outcome is left to write, so the
    /// drainer forms and starts the next batch meanwhile (a handler that never calls it is done when it returns).
    /// </summary>
    Task HandleAsync(IReadOnlyDictionary<string, string> batch, ConsumeContext context, Action acted);
}

/// <summary>
/// Drains the components waiting for one kind of call (<see cref="PendingActions"/>): one drainer per kind across all
/// replicas (a Redis lease, renewed while it works), taking full batches of whatever is waiting — a batch leaves when
/// it is full or when nothing more is waiting, never after a fixed window — until nothing is left. A batch that has
/// acted writes its outcome while the next one is formed and acts (at most two in hand), so a phase of many batches is
/// not a queue of every batch's writes. A kick that finds the kind being drained does nothing: the drainer looks again
/// after it lets go of the lease.
/// </summary>
public sealed class PendingActionConsumer(
    IEnumerable<IActionHandler> handlers,
    PendingActions pending,
    IRedisStore redis,
    IProcessReadiness readiness,
    IBosOptionsSource options,
    ILogger<PendingActionConsumer> logger) : IConsumer<ActionPending>
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    public static string LeaseKey(ActionKind kind) => "orchestration:drain-lease:" + PendingActions.Name(kind);

    public async Task Consume(ConsumeContext<ActionPending> context)
    {
        var kind = context.Message.Kind;
        var handler = handlers.Single(h => h.Kind == kind);
        var owner = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        // An unready worker takes no lease (its kick is lost; the deadline watch kicks again for waiting work).
        if (!readiness.IsReady || !await TakeLease(kind, owner)) return;

        using var renewal = new CancellationTokenSource();
        var renewing = RedisLease.RenewUntilCancelledAsync(redis, LeaseKey(kind), owner, Lease,
            e => logger.LogDebug("Could not renew the {Action} drain lease: {Error}", kind, e.Message), renewal.Token);
        Task? finishing = null; // the batch that acted and writes its outcome
        Task? acting = null;
        try
        {
            while (true)
            {
                // A worker that became unready (broker or Redis lost) finishes the batches in hand and lets go: a ready
                // replica's kick takes the rest. Letting go mid-batch could repeat a power action.
                if (!readiness.IsReady)
                {
                    logger.LogWarning("Worker not ready: stops draining {Action} and releases the lease", kind);
                    if (finishing is not null) await finishing;
                    await Release(kind, owner);
                    return;
                }
                var size = handler.BatchSize(options.Current);
                await UntilFullOrSettled(kind, size, context.CancellationToken);
                var batch = await pending.TakeAsync(kind, size);
                if (batch.Count == 0)
                {
                    if (finishing is not null)
                    {
                        // Its outcome may ask for more of this kind: look again once it is written.
                        await finishing;
                        finishing = null;
                        continue;
                    }
                    await Release(kind, owner);
                    // Work added while this drainer held the lease (its kick found the lease taken) is taken now.
                    if (await pending.CountAsync(kind) == 0 || !await TakeLease(kind, owner)) return;
                    continue;
                }
                var acted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                acting = HandleBatchAsync(handler, kind, batch, context, () => acted.TrySetResult());
                await Task.WhenAny(acted.Task, acting);
                if (acting.IsCompleted) await acting; // done, or failed before it acted
                // At most one batch writes its outcome behind the one that acts.
                if (finishing is not null) await finishing;
                (finishing, acting) = (acting.IsCompleted ? null : acting, null);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A batch still in hand ends before anything goes back: giving back what it acts on could repeat a power action.
            await Quietly(acting);
            await Quietly(finishing);
            logger.LogWarning("Could not handle the pending {Action} batch, giving it back: {Error}", kind, e.Message);
            await GiveBackQuietly(kind, owner);
            throw;
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }
    }

    private async Task HandleBatchAsync(IActionHandler handler, ActionKind kind, IReadOnlyDictionary<string, string> batch, ConsumeContext context, Action acted)
    {
        var started = Stopwatch.GetTimestamp();
        await handler.HandleAsync(batch, context, acted);
        await pending.DoneAsync(kind, batch.Keys);
        logger.LogInformation("Handled {Count} pending {Action} in {Milliseconds:F0} ms", batch.Count, kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static async Task Quietly(Task? task)
    {
        if (task is null) return;
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Its failure is the one being handled, or follows from it.
        }
    }

    /// <summary>
    /// While work is still arriving (the count grew since the last look, SettleCheck ago), waits for it, up to a full
    /// batch or MaxSettle: a phase's components come from several engine steps a few milliseconds apart, and one call
    /// for all of them beats one per step. Work that stopped arriving leaves at once; nothing waits for a fixed window.
    /// </summary>
    private async Task UntilFullOrSettled(ActionKind kind, int size, CancellationToken ct)
    {
        var count = await pending.CountAsync(kind);
        var waited = Stopwatch.StartNew();
        while (count > 0 && count < size && waited.Elapsed < MaxSettle)
        {
            await Task.Delay(SettleCheck, ct);
            var now = await pending.CountAsync(kind);
            if (now == count) return;
            count = now;
        }
    }

    public static readonly TimeSpan SettleCheck = TimeSpan.FromMilliseconds(15);
    public static readonly TimeSpan MaxSettle = TimeSpan.FromMilliseconds(250);

    private async Task<bool> TakeLease(ActionKind kind, string owner)
    {
        if (!await redis.SetIfNotExistsAsync(LeaseKey(kind), owner, Lease)) return false;
        // What a previous drainer took and never finished (it died, or Redis failed under it) is waiting again.
        var given = await pending.GiveBackAsync(kind);
        if (given > 0) logger.LogWarning("{Count} components taken for {Action} by a drainer that did not finish are pending again", given, kind);
        return true;
    }

    private Task Release(ActionKind kind, string owner) => RedisLease.ReleaseAsync(redis, LeaseKey(kind), owner);

    private async Task GiveBackQuietly(ActionKind kind, string owner)
    {
        try
        {
            await pending.GiveBackAsync(kind);
            await Release(kind, owner);
        }
        catch (Exception e)
        {
            logger.LogDebug("Could not give back the {Action} batch (the next drainer will): {Error}", kind, e.Message);
        }
    }
}

public sealed class PendingActionConsumerDefinition : ConsumerDefinition<PendingActionConsumer>
{
    public PendingActionConsumerDefinition()
    {
        EndpointName = "orchestration-actions";
        // One drain per kind at a time in a process, so a hanging PCS call holds up no other kind.
        ConcurrentMessageLimit = Enum.GetValues<ActionKind>().Length * 2;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PendingActionConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
}
