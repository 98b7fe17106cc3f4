using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Runs <see cref="ComponentMachine"/> over a batch of inputs: one read of the engine states, one read of the records
/// that matter, one write of the assessments (OP-30, through <see cref="ComponentWriter"/>), one atomic write of the new
/// states with their due times and pending actions (<see cref="EngineStore"/>), then one <see cref="ActionPending"/>
/// per kind of action asked for. Components whose state another replica changed meanwhile are stepped again.
/// </summary>
public sealed class ComponentEngine(
    EngineStore store,
    ComponentRepository repository,
    ComponentWriter writer,
    ConfiguringComponents configuring,
    ActionKicks kicks,
    IBosOptionsSource options,
    IOptions<OrchestrationSettings> settings,
    TimeProvider clock,
    ILogger<ComponentEngine> logger)
{
    // Deadlines fire a little after the assessment's strict "more than N s since the last action" holds.
    private static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(250);
    private const int MaxAttempts = 20;

    /// <summary>Steps every input; several inputs of one component are stepped one after the other, in order.</summary>
    public async Task HandleAsync(IReadOnlyList<EngineInput> inputs, CancellationToken ct = default)
    {
        var rounds = inputs.GroupBy(i => i.ComponentId).SelectMany(g => g.Select((input, k) => (k, input)))
            .GroupBy(x => x.k).OrderBy(g => g.Key).Select(g => g.Select(x => x.input).ToList());
        foreach (var round in rounds)
        {
            var pending = round;
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                ct.ThrowIfCancellationRequested();
                var conflicts = await StepAsync(pending);
                if (conflicts.Count > 0 && attempt >= MaxAttempts)
                    throw new InvalidOperationException($"Engine states of {conflicts.Count} components kept changing concurrently; giving up after {attempt} attempts");
                var again = conflicts.ToHashSet();
                pending = pending.Where(i => again.Contains(i.ComponentId)).ToList();
                if (pending.Count > 0) await Task.Delay(Random.Shared.Next(1, 2 << Math.Min(attempt, 6)), ct);
            }
        }
    }

    /// <summary>One step of components with one input each; returns those to step again.</summary>
    private async Task<IReadOnlyList<string>> StepAsync(IReadOnlyList<EngineInput> inputs)
    {
        var now = clock.GetUtcNow();
        var current = options.Current;
        var ids = inputs.Select(i => i.ComponentId).ToList();
        var raw = await store.ReadAsync(ids);
        var steps = inputs.Select((input, i) => new Step(input, raw[i], EngineState.Parse(raw[i]))).ToList();
        foreach (var s in steps)
            s.Assesses = s.Input.Kind == InputKind.Observed && s.Before is not null
                         && ComponentMachine.Next(s.Before.State, Trigger.Observed, s.Before.Dirty) is { } row && row.Do.HasFlag(Effects.Assess);

        // The stored record decides wherever the event alone cannot (it may be stale or out of order); an operator's
        // answer brings the record its write left (a later write sends its own change).
        var needRecord = steps.Where(s => s.Record is null && NeedsRecord(s, now)).ToList();
        var records = await repository.GetManyAsync(needRecord.Select(s => s.Input.ComponentId).ToList());
        for (var i = 0; i < needRecord.Count; i++) needRecord[i].Record = records[i];

        await AssessAsync(steps.Where(s => s.Assesses).ToList(), current, now);

        var writes = new List<EngineWrite>();
        foreach (var s in steps)
        {
            Decide(s, current, now);
            if (s.Row is null || (s.Before is null && s.After is null)) continue;
            writes.Add(new EngineWrite(s.Input.ComponentId, s.Raw, s.After, s.Request, s.RequestValue));
        }
        var conflicts = (await store.WriteAsync(writes)).ToHashSet();
        await AfterWriteAsync(steps.Where(s => s.Row is not null && !conflicts.Contains(s.Input.ComponentId)).ToList());
        return conflicts.ToList();
    }

    private bool NeedsRecord(Step s, DateTimeOffset now) => s.Input.Kind switch
    {
        // An echo of a write the engine already knows needs no read: a stale echo can hide nothing, since the write
        // that superseded it sends its own event.
        InputKind.Changed => s.Before is null || s.Input.Change is not { Enabled: true, Fingerprint: { } fingerprint } change
            || ComponentFingerprint.IsNews(s.Before, fingerprint, change.ExternalAction),
        InputKind.Reconciled => s.Before is null,
        // Observed components are read by their assessment's write (AssessAsync), not twice.
        InputKind.Observed => false,
        InputKind.Answered => s.Before is { State: MachineState.Acting },
        _ => false,
    };

    /// <summary>
    /// The status assessment of every observed component, written in one batch, each decided on the record as stored at
    /// write time; a disabled or deleted component is not assessed (its step ends it).
    /// </summary>
    private async Task AssessAsync(IReadOnlyList<Step> observed, BosOptions current, DateTimeOffset now)
    {
        if (observed.Count == 0) return;
        var byId = observed.ToDictionary(s => s.Input.ComponentId);
        var written = await writer.PatchEachAsync(byId.Keys.ToList(), record =>
        {
            var step = byId[record.Id!];
            step.Record = record;
            step.Assessment = null;
            if (record.Enabled != true) return null;
            step.Assessment = StatusAssessment.Assess(record, step.Input.Observation!, current, now);
            step.Record = record;
            var patch = StatusAssessment.ToPatch(record, step.Assessment);
            // An observation that failed earlier left its error (D-19): this one succeeded, so it is cleared.
            if (ServiceFailureErrors.IsObservationError(record.Error) && patch?.Error is null)
                patch = (patch ?? new Component { Id = record.Id }) with { Error = "" };
            return patch;
        });
        foreach (var record in written)
        {
            var step = byId[record.Id!];
            step.Assessed = step.Record;
            step.Record = record;
        }
    }

    /// <summary>The trigger(s) and transition of one component: the machine's table decides, this only classifies.</summary>
    private void Decide(Step s, BosOptions current, DateTimeOffset now)
    {
        var state = s.Before ?? new EngineState();
        var trigger = Classify(s, state, now);
        if (trigger is null) return;
        // A component over its retry limit was marked failed instead of acted on: look at it again at once.
        if (s.Input is { Kind: InputKind.Answered, Outcome: PowerActionOutcome.RetryLimitHit }) state = state with { Dirty = true };
        var row = ComponentMachine.Next(state.State, trigger.Value, state.Dirty);
        if (row is null) return;
        if (s.Record is not null && trigger is Trigger.NewInput) state = ComponentFingerprint.Remember(state, s.Record);
        if (row.Do.HasFlag(Effects.Assess))
        {
            s.Plan = s.Record is { Enabled: true } record
                ? ComponentDecision.For(record, s.Input.Observation!.PowerState, s.Input.Observation.Cfs, current, settings.Value, now)
                : Finished;
            if (s.Record is not null) state = ComponentFingerprint.Remember(state, s.Record);
            state = state with { State = row.To };
            row = ComponentMachine.Next(row.To, s.Plan.Trigger, state.Dirty);
            if (row is null) return;
        }
        s.Row = row;
        s.After = Apply(row, state, s, now);
    }

    private Trigger? Classify(Step s, EngineState state, DateTimeOffset now)
    {
        switch (s.Input.Kind)
        {
            case InputKind.Deleted:
                return Trigger.Gone;
            case InputKind.Changed or InputKind.Reconciled:
                if (s.Input.Kind == InputKind.Reconciled && s.Before is not null) return null;
                if (s.Record is null && s.Before is not null && s.Input.Change is { Enabled: true }) return null; // an echo, not read
                if (s.Record is not { Enabled: true }) return Trigger.Gone;
                return s.Before is null || ComponentFingerprint.IsNews(state, s.Record) ? Trigger.NewInput : null;
            case InputKind.Due:
                // A due time moved later since this one was found is not due.
                return s.Before is not null && s.Before.DueAtMs <= now.ToUnixTimeMilliseconds() + 50 ? Trigger.Due : null;
            case InputKind.Observed:
                return s.Before is null ? null : Trigger.Observed;
            case InputKind.Answered:
                if (s.Before is not { State: MachineState.Acting }) return null;
                s.Plan = s.Record is null ? Finished : ComponentDecision.For(s.Record, null, null, options.Current, settings.Value, now);
                if (s.Plan.Next == NextStep.Finish) return Trigger.Done;
                // Never another action from an answer: a skipped request is looked at again at the next sweep, as
                // upstream's next poll would; one over its retry limit is looked at now.
                if (s.Plan.Next is NextStep.PowerOn or NextStep.GracefulOff or NextStep.ForcefulOff)
                    s.Plan = s.Plan with { Next = NextStep.Wait, Deadline = Deadline.None };
                return Trigger.Answered;
            default:
                return null;
        }
    }

    private static readonly Plan Finished = new(NextStep.Finish, "disabled", Deadline.None, default, default, false);

    private EngineState? Apply(Transition row, EngineState state, Step s, DateTimeOffset now)
    {
        if (row.Do.HasFlag(Effects.Forget)) return null;
        var next = state with { State = row.To };
        if (row.Do.HasFlag(Effects.MarkDirty)) next = next with { Dirty = true };
        var watchdog = (now + settings.Value.RequestWatchdog).ToUnixTimeMilliseconds();
        if (row.Do.HasFlag(Effects.Observe))
        {
            s.Request = ActionKind.Observe;
            return next with { Dirty = false, DueAtMs = (now + settings.Value.ObservationWatchdog).ToUnixTimeMilliseconds() };
        }
        if (ComponentMachine.RequestOf(row.Do) is { } request)
        {
            s.Request = request;
            s.RequestValue = s.Plan?.Reason ?? "";
            return next with { Dirty = false, DueAtMs = watchdog };
        }
        if (row.Do.HasFlag(Effects.Wait) && s.Plan is { } plan)
        {
            if (plan.ConfigureNeeded) s.Request = ActionKind.Configure;
            var due = plan.Deadline == Deadline.None || plan.DeadlineAt + DeadlineMargin > plan.RecheckAt ? plan.RecheckAt : plan.DeadlineAt + DeadlineMargin;
            return next with { DueAtMs = due.ToUnixTimeMilliseconds() };
        }
        return next;
    }

    private async Task AfterWriteAsync(IReadOnlyList<Step> applied)
    {
        var watch = applied.Where(s => s.Row!.Do.HasFlag(Effects.Wait) && s.Record is { } r && ComponentStatusRule.Compute(r) == Statuses.Configuring).ToList();
        if (watch.Count > 0)
            await configuring.AddAsync(watch.ToDictionary(s => s.Input.ComponentId, s => s.Record!.DesiredState?.Configuration ?? ""));
        foreach (var s in applied) Log(s);
        await kicks.KickAsync(applied.Where(s => s.Request is not null).Select(s => s.Request!.Value));
    }

    private void Log(Step s)
    {
        if (s.Assessment is null && s.Request is null or ActionKind.Observe) return;
        // One component's lines are Debug (at Information, two a node were 200,000 JSON lines a 100,000-node reboot and
        // a tenth of what the worker allocated), except a component done as failed. The scope is a dictionary per
        // component: none when no line is written.
        var done = s.Assessed is not null && s.Record is { Enabled: not true } ? ComponentStatusRule.Compute(s.Record) : null;
        var doneLevel = done == Statuses.Failed ? LogLevel.Information : LogLevel.Debug;
        if (!logger.IsEnabled(done is null ? LogLevel.Debug : doneLevel)) return;
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["ComponentId"] = s.Input.ComponentId, ["SessionId"] = s.Record?.Session });
        if (s.Assessed is { } before && s.Record is { } after)
        {
            var observation = s.Input.Observation!;
            if (done is not null)
                logger.Log(doneLevel, "Component {ComponentId} done as {Status} (power {PowerState}, CFS {CfsStatus}){Error}", after.Id,
                    done, observation.PowerState, observation.Cfs?.ConfigurationStatus, string.IsNullOrEmpty(after.Error) ? "" : ": " + after.Error);
            else
                logger.LogDebug("Component {ComponentId} assessed: phase {OldPhase} -> {NewPhase}, status {Status}, power {PowerState}",
                    after.Id, before.Status?.Phase ?? "", after.Status?.Phase ?? "", ComponentStatusRule.Compute(after), observation.PowerState);
        }
        if (s.Request is ActionKind.Configure)
            logger.LogDebug("Requesting CFS configuration {Configuration} for {ComponentId}", s.Record?.DesiredState?.Configuration, s.Input.ComponentId);
        else if (s.Request is { } request and not ActionKind.Observe)
            logger.LogDebug("Requesting {PowerAction} for {ComponentId}: {Reason}", request, s.Input.ComponentId, s.RequestValue);
    }

    /// <summary>One component's way through a step.</summary>
    private sealed class Step(EngineInput input, string? raw, EngineState? before)
    {
        public EngineInput Input { get; } = input;
        public string? Raw { get; } = raw;
        public EngineState? Before { get; } = before;
        public Component? Record { get; set; } = input.Written;
        public bool Assesses { get; set; }
        public Assessment? Assessment { get; set; }
        public Component? Assessed { get; set; }
        public Plan? Plan { get; set; }
        public Transition? Row { get; set; }
        public EngineState? After { get; set; }
        public ActionKind? Request { get; set; }
        public string RequestValue { get; set; } = "";
    }
}
