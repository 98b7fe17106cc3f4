using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Telemetry;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>The retry counters of the power operators (DM-13).</summary>
public enum RetryCounter
{
    PowerOn,
    PowerOffGraceful,
    PowerOffForceful,
}

/// <summary>An operator step failed: its message becomes the error of every component of the chunk (OP-01 step 3).</summary>
public sealed class OperatorStepException(string message, Exception inner) : Exception(message, inner);

/// <summary>What the power operators share.</summary>
public sealed class PowerOperatorServices(
    ComponentRepository repository,
    ComponentWriter writer,
    IHsmClient hsm,
    IPcsClient pcs,
    IBosOptionsSource options,
    IOptions<OrchestrationSettings> settings,
    ComponentEngine engine,
    TimeProvider clock)
{
    public ComponentEngine Engine => engine;
    public ComponentRepository Repository => repository;
    public ComponentWriter Writer => writer;
    public IHsmClient Hsm => hsm;
    public IPcsClient Pcs => pcs;
    public IBosOptionsSource Options => options;
    public OrchestrationSettings Settings => settings.Value;
    public TimeProvider Clock => clock;
}

/// <summary>
/// Upstream's operator framework (OP-01) for one power operation, run on a batch of pending components instead of a
/// poll: keep what the operator selects (<see cref="ComponentDecision.Selects"/> on the re-read records, so duplicate
/// or stale requests do nothing), mark components over their retry limit failed, act once for the batch, write
/// last_action, the counter and the error back, step the engine with the answers, and watch the PCS transitions started.
/// </summary>
public abstract class PowerOperator(PowerOperatorServices services, ILogger logger) : IActionHandler
{
    public const string RetryLimitError = "The retry limit has been hit for this component, but no services have reported specific errors";

    protected PowerOperatorServices Services => services;

    /// <summary>The last action written (DM-31).</summary>
    protected abstract string Action { get; }

    protected abstract RetryCounter Counter { get; }

    public abstract ActionKind Kind { get; }

    /// <summary>PCS takes at most 2,500 components per transition.</summary>
    public int BatchSize(BosOptions options) => options.MaxComponentBatchSize is > 0 and < PcsLimit ? options.MaxComponentBatchSize : PcsLimit;

    private const int PcsLimit = 2500;

    /// <summary>The action for the chunk; per-component errors go into <paramref name="errors"/>. Returns the PCS transitions started.</summary>
    protected abstract Task<IReadOnlyList<TransitionStarted>> ActAsync(IReadOnlyList<Component> chunk, Dictionary<string, string> errors, CancellationToken ct);

    public async Task HandleAsync(IReadOnlyDictionary<string, string> batch, ConsumeContext context, Action acted)
    {
        var options = services.Options.Current;
        var now = services.Clock.GetUtcNow();
        var ids = batch.Keys.ToList();
        var outcomes = ids.ToDictionary(id => id, _ => PowerActionOutcome.Skipped);
        var written = new Dictionary<string, Component>(StringComparer.Ordinal);
        var selected = (await services.Repository.GetManyAsync(ids)).OfType<Component>()
            .Where(c => ComponentDecision.Selects(Kind, c, options, services.Settings, now)).ToList();
        selected = await KnownToHsm(selected, context.CancellationToken);

        var failed = selected.Where(c => OverRetryLimit(c, options)).ToList();
        if (failed.Count > 0)
        {
            Remember(written, await services.Writer.PatchSameTargetAsync(failed, failed.Select(c => new Component
            {
                Id = c.Id,
                Status = new ComponentStatus { StatusOverride = Statuses.Failed },
                Error = string.IsNullOrEmpty(c.Error) ? RetryLimitError : null,
            })));
            foreach (var c in failed) outcomes[c.Id!] = PowerActionOutcome.RetryLimitHit;
            BosMetrics.RecordPowerActions(PendingActions.Name(Kind), "retry_limit", failed.Count);
            logger.LogWarning("{Action}: {Count} components hit their retry limit and are marked failed: {ComponentIds}",
                Action, failed.Count, string.Join(',', failed.Select(c => c.Id)));
        }

        var act = selected.Except(failed).ToList();
        if (act.Count > 0)
        {
            // Errors are cleared before acting and set again by what fails (OP-01 step 2).
            var errors = act.ToDictionary(c => c.Id!, _ => "");
            IReadOnlyList<TransitionStarted> transitions = [];
            _powerCalled = false;
            _writtenBeforeCall.Clear();
            _shownSinceWritten = false;
            try
            {
                // A failed attempt that the client retries shows on the chunk at once (until the call ends, which
                // writes its outcome below); upstream shows nothing until the retries are exhausted (D-19).
                using (ServiceAttempts.Observe(failure => ShowRetryingAsync(act, failure)))
                    transitions = await ActAsync(act, errors, context.CancellationToken);
            }
            // Bos's own failure before the power call is not the components' attempt: the batch goes back (the drainer).
            catch (Exception e) when (!context.CancellationToken.IsCancellationRequested && (_powerCalled || !InfrastructureFailure.Is(e)))
            {
                logger.LogError(e, "An unhandled exception was caught while trying to act on components: {Error}", e.Message);
                foreach (var c in act) errors[c.Id!] = e.Message;
            }

            // Built before acted(): the next batch may then start on this (scoped) operator and its per-batch results.
            var settled = act.Where(c => OutcomeWrittenBeforeCall(c, errors)).ToDictionary(c => c.Id!, c => _writtenBeforeCall[c.Id!]);
            var unsettled = act.Where(c => !settled.ContainsKey(c.Id!)).ToList();
            var outcome = unsettled.Select(c => Outcome(c, errors[c.Id!])).ToList();
            acted();

            Remember(written, settled.Values.ToList());
            Remember(written, await services.Writer.PatchSameTargetAsync(unsettled, outcome));
            foreach (var c in act) outcomes[c.Id!] = PowerActionOutcome.Acted;
            var errored = act.Count(c => errors[c.Id!] != "");
            BosMetrics.RecordPowerActions(PendingActions.Name(Kind), "called", act.Count - errored);
            BosMetrics.RecordPowerActions(PendingActions.Name(Kind), "error", errored);
            await Watch(context, transitions);
        }

        await services.Engine.HandleAsync(outcomes.Select(o => EngineInput.Answered(o.Key, o.Value, written.GetValueOrDefault(o.Key))).ToList(),
            context.CancellationToken);
    }

    /// <summary>The outcome of acting on <paramref name="c"/>: last_action, the counter incremented, the error, what the action produced.</summary>
    private Component Outcome(Component c, string error) => WithActionResults(c, new Component
    {
        Id = c.Id,
        Error = error,
        LastAction = new LastAction { Action = Action, Failed = false },
        EventStats = Increment(c.EventStats),
    });

    /// <summary>
    /// Writes the chunk's outcome right before the power call (the power-on: a node is never on without the powering_on
    /// last action, OP-20 step 1, and its BSS token goes in the same write, step 4) and returns the components still aimed
    /// at the target they were read with (D-25). When the call then changes nothing of it (no error, no retry shown
    /// meanwhile), that write is the outcome: one write per component and action instead of two (D-26).
    /// </summary>
    protected async Task<IReadOnlyList<Component>> WriteOutcomeBeforeCallAsync(IReadOnlyList<Component> chunk, Dictionary<string, string> errors)
    {
        var records = await services.Writer.PatchSameTargetAsync(chunk, chunk.Select(c => Outcome(c, errors[c.Id!])));
        _shownSinceWritten = false;
        foreach (var record in records) _writtenBeforeCall[record.Id!] = record;
        return chunk.Where(c => _writtenBeforeCall.ContainsKey(c.Id!)).ToList();
    }

    private bool OutcomeWrittenBeforeCall(Component c, Dictionary<string, string> errors) =>
        !_shownSinceWritten && _writtenBeforeCall.TryGetValue(c.Id!, out var record) && (record.Error ?? "") == errors[c.Id!];

    // This batch's records as WriteOutcomeBeforeCallAsync wrote them, and whether a retried call showed an error since.
    private readonly Dictionary<string, Component> _writtenBeforeCall = new(StringComparer.Ordinal);
    private bool _shownSinceWritten;

    private static void Remember(Dictionary<string, Component> written, IReadOnlyList<Component> records)
    {
        foreach (var record in records) written[record.Id!] = record;
    }

    /// <summary>The `error` a chunk shows while <paramref name="failure"/>'s call is retried.</summary>
    protected virtual string RetryingError(ServiceAttemptFailure failure) =>
        ServiceFailureErrors.Retrying($"Error encountered calling {failure.Service.ToUpperInvariant()} to {Verb}", failure);

    /// <summary>What the operator does, for messages: "power on", "power off gracefully", "power off forcefully".</summary>
    protected abstract string Verb { get; }

    private async Task ShowRetryingAsync(IReadOnlyList<Component> chunk, ServiceAttemptFailure failure)
    {
        var error = RetryingError(failure);
        _shownSinceWritten = true;
        await services.Writer.PatchSameTargetAsync(chunk, chunk.Select(c => new Component { Id = c.Id, Error = error }));
        logger.LogWarning("{Action}: {Count} components show the failure while the call is retried: {Error}", Action, chunk.Count, error);
    }

    /// <summary>HSMState(): only components HSM knows are acted on; a failing HSM means no action this time (as a failing filter upstream).</summary>
    private async Task<List<Component>> KnownToHsm(List<Component> components, CancellationToken ct)
    {
        if (components.Count == 0) return components;
        try
        {
            var known = (await services.Hsm.QueryComponentsAsync(components.Select(c => c.Id!).ToList(), ct: ct)).Select(h => h.Id).ToHashSet();
            return components.Where(c => known.Contains(c.Id!)).ToList();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError("{Action}: HSM query failed, no action this time: {Error}", Action, e.Message);
            return [];
        }
    }

    private bool OverRetryLimit(Component c, BosOptions options)
    {
        var attempts = Read(c.EventStats) ?? 0;
        var limit = c.RetryPolicy ?? options.DefaultRetryPolicy;
        return limit != -1 && attempts >= limit;
    }

    private int? Read(EventStats? stats) => Counter switch
    {
        RetryCounter.PowerOn => stats?.PowerOnAttempts,
        RetryCounter.PowerOffGraceful => stats?.PowerOffGracefulAttempts,
        _ => stats?.PowerOffForcefulAttempts,
    };

    private EventStats Increment(EventStats? stats)
    {
        var next = (Read(stats) ?? 0) + 1;
        return Counter switch
        {
            RetryCounter.PowerOn => new EventStats { PowerOnAttempts = next },
            RetryCounter.PowerOffGraceful => new EventStats { PowerOffGracefulAttempts = next },
            _ => new EventStats { PowerOffForcefulAttempts = next },
        };
    }

    /// <summary>
    /// Adds what the action produced for <paramref name="component"/> to its outcome (one write per component and
    /// action, so one change event instead of several).
    /// </summary>
    protected virtual Component WithActionResults(Component component, Component patch) => patch;

    private async Task Watch(ConsumeContext context, IReadOnlyList<TransitionStarted> transitions)
    {
        var now = services.Clock.GetUtcNow();
        foreach (var t in transitions)
        {
            var watch = new WatchTransition
            {
                TransitionId = t.TransitionId,
                Operation = t.Operation,
                Pending = t.Xnames.Count > 0 ? t.Xnames : null,
                GiveUpAt = now + TimeSpan.FromMinutes(TaskDeadlineMinutes) + services.Settings.TransitionWatchGrace,
            };
            await context.SchedulePublish((now + services.Settings.TransitionWatchInterval).UtcDateTime, watch);
        }
    }

    /// <summary>PCS taskDeadlineMinutes BOS sends (EXT-20).</summary>
    protected const int TaskDeadlineMinutes = 1;

    // Whether the batch in hand has called PCS (its power action may have happened whatever the call's outcome).
    private bool _powerCalled;

    protected async Task<IReadOnlyList<TransitionStarted>> TransitionAsync(PowerOperation operation, IReadOnlyList<Component> chunk, CancellationToken ct)
    {
        _powerCalled = true;
        var started = await services.Pcs.StartTransitionAsync(operation, chunk.Select(c => c.Id!).ToList(), TaskDeadlineMinutes, ct);
        logger.LogInformation("{Operation} requested from PCS for {Count} components in {Transitions} transition(s): {TransitionIds}",
            PcsOperationName(operation), chunk.Count, started.Count, string.Join(',', started.Select(s => s.TransitionId)));
        return started;
    }

    private static string PcsOperationName(PowerOperation operation) => operation switch
    {
        PowerOperation.On => "On",
        PowerOperation.SoftOff => "Soft-Off",
        _ => "Force-Off",
    };
}
