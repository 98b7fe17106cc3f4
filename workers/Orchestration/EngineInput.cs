using Bos.Contracts.Resources;
using Bos.Core.Components;

namespace Bos.Workers.Orchestration;

/// <summary>Where an engine input comes from.</summary>
public enum InputKind
{
    /// <summary>A committed change of the record (ComponentsChanged); <see cref="EngineInput.Record"/> is the record after it.</summary>
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
    public Component? Record { get; init; }

    public HardwareObservation? Observation { get; init; }

    public PowerActionOutcome Outcome { get; init; }

    public static EngineInput Changed(Component record) => new(record.Id!, InputKind.Changed) { Record = record };

    public static EngineInput Deleted(string id) => new(id, InputKind.Deleted);

    public static EngineInput Reconciled(string id) => new(id, InputKind.Reconciled);

    public static EngineInput Due(string id) => new(id, InputKind.Due);

    public static EngineInput Observed(string id, HardwareObservation observation) => new(id, InputKind.Observed) { Observation = observation };

    public static EngineInput Answered(string id, PowerActionOutcome outcome) => new(id, InputKind.Answered) { Outcome = outcome };
}
