using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Components;

namespace Bos.Workers.Orchestration;

/// <summary>Where an engine input comes from.</summary>
public enum InputKind
{
    /// <summary>A committed input change of the record (ComponentsChanged); <see cref="EngineInput.Change"/> summarises it.</summary>
    Changed,

    /// <summary>The record was deleted.</summary>
    Deleted,

    /// <summary>The reconciler found an enabled component the engine knows nothing of.</summary>
    Reconciled,

    /// <summary>The component's due time came (<see cref="DeadlineWatch"/>).</summary>
    Due,

    /// <summary>What PCS and CFS said (<see cref="ObservationHandler"/>).</summary>
    Observed,

    /// <summary>A power operator answered the request (<see cref="PowerOperator"/>).</summary>
    Answered,
}

/// <summary>What a power request became.</summary>
public enum PowerActionOutcome
{
    /// <summary>The action ran (its error, if any, is in the component record, as upstream writes it).</summary>
    Acted,

    /// <summary>The retry limit was hit: marked failed instead of acting.</summary>
    RetryLimitHit,

    /// <summary>Not acted on: the component no longer matched the operator's selection, or HSM does not know it.</summary>
    Skipped,
}

/// <summary>One input of the engine for one component.</summary>
public sealed record EngineInput(string ComponentId, InputKind Kind)
{
    /// <summary>For <see cref="InputKind.Changed"/>: what the change says about the record after it.</summary>
    public ComponentInputChange? Change { get; init; }

    public HardwareObservation? Observation { get; init; }

    public PowerActionOutcome Outcome { get; init; }

    /// <summary>For <see cref="InputKind.Answered"/>: the record as the operator's outcome write left it, so the step need not read it again.</summary>
    public Component? Written { get; init; }

    public static EngineInput Changed(ComponentInputChange change) => new(change.ComponentId, InputKind.Changed) { Change = change };

    /// <summary>The change that made <paramref name="record"/> what it is (tests, and writers that hold the record).</summary>
    public static EngineInput Changed(Component record, DateTimeOffset changedAt = default) =>
        Changed(ComponentInputSummary.Of(new ComponentChanged { ComponentId = record.Id!, ChangedFields = [], Component = record, ChangedAt = changedAt }));

    public static EngineInput Deleted(string id) => new(id, InputKind.Deleted);

    public static EngineInput Reconciled(string id) => new(id, InputKind.Reconciled);

    public static EngineInput Due(string id) => new(id, InputKind.Due);

    public static EngineInput Observed(string id, HardwareObservation observation) => new(id, InputKind.Observed) { Observation = observation };

    public static EngineInput Answered(string id, PowerActionOutcome outcome, Component? written = null) =>
        new(id, InputKind.Answered) { Outcome = outcome, Written = written };
}
