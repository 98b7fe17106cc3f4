using MassTransit;

namespace Bos.Workers.Orchestration;

// Messages between the component sagas and the batch consumers that talk to PCS, CFS, BSS and HSM. They stay inside
// the workers (nothing else publishes them), so they live here rather than in contracts/.

/// <summary>ComponentReconciler → a new saga: an enabled component has none (its events predate or missed the workers).</summary>
public sealed record AssessComponent(string ComponentId);

/// <summary>
/// Saga, TransitionWatchConsumer or ConfigurationWatch → ObservationConsumer: read PCS power state and the CFS component
/// (batched with others) for the saga. A power hint from a PCS transition task that just succeeded ("on"/"off") stands
/// in for the power-status read.
/// </summary>
public sealed record ObserveComponent(string ComponentId, string? PowerHint = null);

/// <summary>
/// ObservationConsumer → saga: what PCS and CFS said. <see cref="PowerState"/> is the PCS bucket (lower-cased state or
/// the PCS error text), null when PCS returned no entry; <see cref="CfsFound"/> false when CFS has no such component.
/// </summary>
public sealed record ComponentObserved
{
    public required string ComponentId { get; init; }
    public string? PowerState { get; init; }
    public bool CfsFound { get; init; }
    public string CfsDesiredConfig { get; init; } = "";
    public string CfsConfigurationStatus { get; init; } = "";
    public required DateTimeOffset ObservedAt { get; init; }
}

/// <summary>Saga → PowerOnConsumer (OP-15/OP-20).</summary>
public sealed record PowerOnRequested(string ComponentId, string Reason);

/// <summary>Saga → GracefulPowerOffConsumer (OP-13, PCS Soft-Off).</summary>
public sealed record GracefulPowerOffRequested(string ComponentId, string Reason);

/// <summary>Saga → ForcefulPowerOffConsumer (OP-14, PCS Force-Off).</summary>
public sealed record ForcefulPowerOffRequested(string ComponentId, string Reason);

/// <summary>Saga → ConfigurationConsumer (OP-16): CFS desired_config differs from the component's.</summary>
public sealed record ConfigureRequested(string ComponentId);

public enum PowerActionOutcome
{
    /// <summary>The action ran (its error, if any, is in the component record, as upstream writes it).</summary>
    Acted,

    /// <summary>The retry limit was hit: marked failed instead of acting.</summary>
    RetryLimitHit,

    /// <summary>Not acted on: the component no longer matched the operator's selection, or HSM does not know it.</summary>
    Skipped,
}

/// <summary>Power consumers → saga: what became of a request.</summary>
public sealed record PowerActionCompleted(string ComponentId, string Action, PowerActionOutcome Outcome);

/// <summary>A PCS transition Bos started, watched until its tasks finish (scheduled to itself between checks).</summary>
public sealed record WatchTransition
{
    public required string TransitionId { get; init; }
    public required string Operation { get; init; }
    /// <summary>Components whose tasks have not been reported finished yet; null until the first check (all tasks).</summary>
    public IReadOnlyList<string>? Pending { get; init; }
    /// <summary>When to stop watching and let the sagas look for themselves.</summary>
    public required DateTimeOffset GiveUpAt { get; init; }
}

// Scheduled by the saga to itself (Schedule/Unschedule); stale ones are dropped by their token id.

/// <summary>max_power_on_wait_time after power-on: still off ⇒ power-on failed (S3).</summary>
public sealed record PowerOnWaitElapsed(Guid CorrelationId) : CorrelatedBy<Guid>;

/// <summary>max_boot_wait_time after power-on: on but not booted the desired artifacts ⇒ reboot (S12).</summary>
public sealed record BootWaitElapsed(Guid CorrelationId) : CorrelatedBy<Guid>;

/// <summary>max_power_off_wait_time after a power-off call: still on ⇒ Force-Off (OP-14).</summary>
public sealed record PowerOffWaitElapsed(Guid CorrelationId) : CorrelatedBy<Guid>;

/// <summary>The slow sweep of a component in a phase (and the watchdog of an outstanding request).</summary>
public sealed record RecheckDue(Guid CorrelationId) : CorrelatedBy<Guid>;
