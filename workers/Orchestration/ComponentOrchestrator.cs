using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>How a component change looks to its saga.</summary>
public enum ChangeKind
{
    /// <summary>Deleted, or disabled: nothing left to drive.</summary>
    Gone,

    /// <summary>A driving field changed (new target, new report, enabled again...): assess again.</summary>
    Relevant,

    /// <summary>Only fields the orchestration writes itself changed (or the event is stale): ignore.</summary>
    Echo,
}

/// <summary>
/// The component saga's work that needs services: reading the record, applying the status assessment (OP-30,
/// <see cref="StatusAssessment"/>) through <see cref="ComponentWriter"/>, and planning the next step. The state
/// machine only routes messages and schedules; decisions stay here and in <see cref="Plan"/>.
/// </summary>
public sealed class ComponentOrchestrator(
    ComponentRepository repository,
    ComponentWriter writer,
    ConfiguringComponents configuring,
    IBosOptionsSource options,
    IOptions<OrchestrationSettings> settings,
    TimeProvider clock,
    ILogger<ComponentOrchestrator> logger)
{
    public async Task<ChangeKind> InspectAsync(ComponentState saga, Component? changed = null)
    {
        // An echo of a write the saga already knows needs no read: a stale echo can hide nothing, since the write that
        // superseded it sends its own event.
        if (changed is { Enabled: true } && saga.Fingerprint.Length > 0 && !ComponentFingerprint.IsNews(saga, changed))
            return ChangeKind.Echo;

        // The event may be stale or out of order: the stored record decides.
        var component = await repository.GetAsync(saga.ComponentId);
        if (component is null || component.Enabled != true) return ChangeKind.Gone;
        if (!ComponentFingerprint.IsNews(saga, component)) return ChangeKind.Echo;
        ComponentFingerprint.Remember(saga, component);
        return ChangeKind.Relevant;
    }

    /// <summary>Assesses the component with a fresh observation, writes the outcome and plans the next step.</summary>
    public async Task AssessAsync(ComponentState saga, ComponentObserved observed)
    {
        var component = await repository.GetAsync(saga.ComponentId);
        if (component is null || component.Enabled != true)
        {
            SetPlan(saga, new Plan(NextStep.Finish, "disabled", Deadline.None, default, default, false));
            return;
        }

        using var scope = Scope(component);
        var now = clock.GetUtcNow();
        var current = options.Current;
        var cfs = observed.CfsFound ? new CfsObservation(observed.CfsDesiredConfig, observed.CfsConfigurationStatus) : null;
        var assessment = StatusAssessment.Assess(component, new HardwareObservation(observed.PowerState, cfs), current, now);
        var patch = StatusAssessment.ToPatch(component, assessment);
        // An observation that failed earlier left its error (D-19): this one succeeded, so it is cleared.
        if (ServiceFailureErrors.IsObservationError(component.Error) && patch?.Error is null)
            patch = (patch ?? new Component { Id = component.Id }) with { Error = "" };
        if (patch is not null)
        {
            // Written only if the record is still the one assessed; otherwise the message is retried on the new record.
            var written = await writer.PatchAsync([patch], (stored, _) =>
            {
                if (stored != component)
                    throw new ConcurrencyException("The component changed during its assessment", typeof(ComponentState), saga.CorrelationId);
            });
            if (written.Count == 0)
            {
                SetPlan(saga, new Plan(NextStep.Finish, "deleted", Deadline.None, default, default, false));
                return;
            }
            LogAssessment(component, written[0], assessment, observed);
            component = written[0];
        }

        ComponentFingerprint.Remember(saga, component);
        var plan = Plan.For(component, observed.PowerState, cfs, current, settings.Value, now);
        SetPlan(saga, plan);
        if (plan.Next == NextStep.Wait && ComponentStatusRule.Compute(component) == Statuses.Configuring)
            await configuring.AddAsync(component.Id!, component.DesiredState?.Configuration ?? "");
        if (plan.Next is NextStep.PowerOn or NextStep.GracefulOff or NextStep.ForcefulOff)
            logger.LogDebug("Requesting {PowerAction} for {ComponentId}: {Reason}", plan.Next, component.Id, plan.Reason);
        if (plan.ConfigureNeeded)
            logger.LogInformation("Requesting CFS configuration {Configuration} for {ComponentId}", component.DesiredState?.Configuration, component.Id);
    }

    /// <summary>
    /// After a power consumer answered: the deadline that guards the action just taken. Never another action from
    /// here (a skipped request is looked at again at the next sweep, as upstream's next poll would).
    /// </summary>
    public async Task AfterActionAsync(ComponentState saga, PowerActionCompleted completed)
    {
        var component = await repository.GetAsync(saga.ComponentId);
        var now = clock.GetUtcNow();
        var plan = component is null
            ? new Plan(NextStep.Finish, "deleted", Deadline.None, default, default, false)
            : Plan.For(component, null, null, options.Current, settings.Value, now);
        if (plan.Next is NextStep.PowerOn or NextStep.GracefulOff or NextStep.ForcefulOff)
            plan = plan with { Next = NextStep.Wait, Deadline = Deadline.None };
        SetPlan(saga, plan);
        if (component is not null)
        {
            ComponentFingerprint.Remember(saga, component);
            if (completed.Outcome != PowerActionOutcome.Acted)
            {
                using var scope = Scope(component);
                logger.LogInformation("{PowerAction} for {ComponentId} ended {Outcome}", completed.Action, completed.ComponentId, completed.Outcome);
            }
        }
    }

    public DateTime WatchdogAt() => (clock.GetUtcNow() + settings.Value.RequestWatchdog).UtcDateTime;

    /// <summary>Whether a time the saga set for itself has come (a scheduled message may come a little early or late).</summary>
    public bool IsDue(DateTime at) => clock.GetUtcNow().UtcDateTime + TimeSpan.FromMilliseconds(50) >= at;

    private static void SetPlan(ComponentState saga, Plan plan)
    {
        saga.Next = plan.Next;
        saga.Reason = plan.Reason;
        saga.Deadline = plan.Deadline;
        saga.DeadlineUtc = plan.DeadlineAt.UtcDateTime;
        saga.RecheckDueUtc = plan.RecheckAt.UtcDateTime;
        saga.ConfigureNeeded = plan.ConfigureNeeded;
    }

    private IDisposable? Scope(Component component) => logger.BeginScope(new Dictionary<string, object?>
    {
        ["ComponentId"] = component.Id,
        ["SessionId"] = component.Session,
    });

    private void LogAssessment(Component before, Component after, Assessment assessment, ComponentObserved observed)
    {
        var status = ComponentStatusRule.Compute(after);
        if (after.Enabled != true)
            logger.LogInformation("Component {ComponentId} done as {Status} (power {PowerState}, CFS {CfsStatus}){Error}",
                after.Id, status, observed.PowerState, observed.CfsConfigurationStatus, string.IsNullOrEmpty(after.Error) ? "" : ": " + after.Error);
        else
            logger.LogDebug("Component {ComponentId} assessed: phase {OldPhase} -> {NewPhase}, status {Status}, power {PowerState}{Failed}",
                after.Id, before.Status?.Phase ?? "", after.Status?.Phase ?? "", status, observed.PowerState,
                assessment.ActionFailed ? ", last action failed" : "");
    }
}
