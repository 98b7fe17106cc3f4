using Bos.Core.Clients;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Watches a PCS transition Bos started (one GET per transition and check, never per node): for each task that ends,
/// its component is observed (a succeeded task's power state stands in for the PCS read) and the engine assesses it;
/// the rest is checked again after TransitionWatchInterval (less while the worker watches fewer tasks than PCS's 2,500 in
/// all, or twice the check's own time: <see cref="PollPause"/>) until the transition ends or the watch gives up (then the
/// engine's sweeps take over). A check that fails, or whose attempt the client retries, shows on the components still
/// waiting for their task (D-19: the transition's status is how Bos reads their power state meanwhile); the next good
/// check clears it.
/// </summary>
public sealed class TransitionWatchConsumer(IPcsClient pcs, PendingActions pendingActions, ObservationErrors errors,
    WatchedTransitionTasks watched, IOptions<OrchestrationSettings> settings, TimeProvider clock,
    ILogger<TransitionWatchConsumer> logger) : IConsumer<WatchTransition>
{
    private static readonly HashSet<string> Running = ["new", "in-progress"];

    /// <summary>How long one delivery keeps checking in-process before it hands the watch back to the scheduler.</summary>
    public static readonly TimeSpan InProcess = TimeSpan.FromSeconds(15);

    public async Task Consume(ConsumeContext<WatchTransition> context)
    {
        // Checks in-process every TransitionWatchInterval (no scheduler round trip between checks, so a finished task is
        // seen within one interval); a transition still running after InProcess goes back to the scheduler, so a
        // worker that stops loses at most that much of the watch, and its redelivery picks it up.
        var watch = context.Message;
        var started = clock.GetTimestamp();
        var checkStarted = clock.GetTimestamp();
        var counted = watch.Pending?.Count ?? 0; // its tasks are under watch from the first check on
        watched.Add(counted);
        try
        {
            while (await CheckAsync(context, watch) is ({ } next, var tasks))
            {
                watched.Add(tasks - counted);
                counted = tasks;
                if (clock.GetElapsedTime(started) > InProcess)
                {
                    await Again(context, next);
                    return;
                }
                watch = next;
                var interval = PollPause.ForTransitions(settings.Value.TransitionWatchInterval, watched.Total);
                await Task.Delay(PollPause.After(interval, clock.GetElapsedTime(checkStarted)), clock, context.CancellationToken);
                checkStarted = clock.GetTimestamp();
            }
        }
        finally
        {
            watched.Add(-counted);
        }
    }

    /// <summary>
    /// One check; returns the watch to continue with (null when it is over) and the tasks it counts for: the transition's,
    /// or those still waiting when the read failed.
    /// </summary>
    private async Task<(WatchTransition? Next, int Tasks)> CheckAsync(ConsumeContext<WatchTransition> context, WatchTransition watch)
    {
        var now = clock.GetUtcNow();
        var waiting = watch.Pending ?? [];
        var step = ServiceFailureErrors.ObservationStep("pcs");
        var showsError = watch.ShowsError;
        TransitionStatus status;
        try
        {
            using (ServiceAttempts.Observe(async failure =>
                   {
                       await errors.ShowAsync(waiting, ServiceFailureErrors.Retrying(step, failure));
                       showsError = waiting.Count > 0;
                   }))
                status = await pcs.GetTransitionAsync(watch.TransitionId, context.CancellationToken);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not read PCS transition {TransitionId}: {Error}", watch.TransitionId, e.Message);
            await errors.ShowAsync(waiting, $"{step}: {e.GetType().Name}: {e.Message}");
            if (now <= watch.GiveUpAt) return (watch with { ShowsError = waiting.Count > 0 }, waiting.Count);
            await Report(context, waiting, "unknown");
            return (null, 0);
        }
        if (showsError) await errors.ClearAsync(waiting);

        var pending = (watch.Pending ?? status.Tasks.Select(t => t.Xname).Distinct().ToList()).ToHashSet();
        var finished = status.Tasks.Where(t => pending.Contains(t.Xname) && !Running.Contains(t.TaskStatus)).ToList();
        await Observe(context, finished.Select(t => (t.Xname, PowerHint(watch.Operation, t.TaskStatus))));
        pending.ExceptWith(finished.Select(t => t.Xname));
        if (pending.Count == 0) return (null, 0);

        if (status.Status is "completed" or "aborted" || now > watch.GiveUpAt)
        {
            logger.LogInformation("Stopped watching PCS transition {TransitionId} ({Status}) with {Count} tasks unfinished",
                watch.TransitionId, status.Status, pending.Count);
            await Report(context, pending, "unknown");
            return (null, 0);
        }
        return (watch with { Pending = pending.ToList(), ShowsError = false }, status.Tasks.Count);
    }

    private Task Report(ConsumeContext<WatchTransition> context, IEnumerable<string> components, string taskStatus) =>
        Observe(context, components.Select(id => (id, PowerHint(context.Message.Operation, taskStatus))));

    /// <summary>Asks for the observation of the components (with the power state a succeeded task confirmed, if any).</summary>
    private async Task Observe(ConsumeContext context, IEnumerable<(string Id, string? Hint)> components)
    {
        var entries = components.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.Last().Hint ?? "");
        if (entries.Count == 0) return;
        await pendingActions.AddAsync(ActionKind.Observe, entries);
        await context.Publish(new ActionPending(ActionKind.Observe));
    }

    /// <summary>A succeeded task confirms the power state PCS reached; anything else says nothing.</summary>
    public static string? PowerHint(string operation, string taskStatus) => taskStatus != "succeeded" ? null
        : operation.Equals("On", StringComparison.OrdinalIgnoreCase) ? "on" : "off";

    private Task Again(ConsumeContext context, WatchTransition watch) =>
        context.SchedulePublish((clock.GetUtcNow() + settings.Value.TransitionWatchInterval).UtcDateTime, watch);
}

public sealed class TransitionWatchConsumerDefinition : ConsumerDefinition<TransitionWatchConsumer>
{
    // Each delivery watches one transition for up to InProcess: as many at once as a 100,000-node phase starts (40 of 2,500).
    public TransitionWatchConsumerDefinition() => ConcurrentMessageLimit = 64;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TransitionWatchConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
}
