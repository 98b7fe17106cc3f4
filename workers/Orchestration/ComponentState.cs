using MassTransit;

namespace Bos.Workers.Orchestration;

/// <summary>What the saga plans after an assessment (or after a power call returned).</summary>
public enum NextStep
{
    /// <summary>The component is disabled (done, failed or on hold): the saga ends.</summary>
    Finish,

    /// <summary>Nothing to call now: wait for an event, a deadline or the next sweep.</summary>
    Wait,

    PowerOn,
    GracefulOff,
    ForcefulOff,
}

/// <summary>Which timeout guards the component's current power action.</summary>
public enum Deadline
{
    None,

    /// <summary>max_power_on_wait_time: a node still off is a failed power-on (S3).</summary>
    PowerOn,

    /// <summary>max_boot_wait_time: a node on without the desired artifacts is rebooted (S11/S12).</summary>
    Boot,

    /// <summary>max_power_off_wait_time: a node still on is forced off (OP-14).</summary>
    PowerOff,
}

/// <summary>
/// The orchestration state of one component. The component record (status, last_action, event_stats...) stays the
/// truth about the component; this only remembers what the saga is waiting for and its scheduled messages.
/// </summary>
public sealed class ComponentState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public int Version { get; set; }
    public string CurrentState { get; set; } = "";
    public string ComponentId { get; set; } = "";

    /// <summary>The driving fields of the record last seen or written (<see cref="ComponentFingerprint"/>).</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>The last non-power last_action seen, "action@time" (<see cref="ComponentFingerprint.ExternalAction"/>).</summary>
    public string? ExternalAction { get; set; }

    /// <summary>How the ComponentInputChanged being handled looks (<see cref="ComponentOrchestrator.InspectAsync"/>); not stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ChangeKind LastChange { get; set; }

    /// <summary>Something relevant happened while a request was out: look again once it is answered.</summary>
    public bool Dirty { get; set; }

    // The plan of the last assessment, read by the state machine's branches.
    public NextStep Next { get; set; }
    public string Reason { get; set; } = "";
    public Deadline Deadline { get; set; }
    public DateTime DeadlineUtc { get; set; }
    public bool ConfigureNeeded { get; set; }

    /// <summary>When the saga must look again at the latest: the watchdog of a request, or the plan's next sweep.</summary>
    public DateTime RecheckDueUtc { get; set; }

    /// <summary>When the scheduled RecheckDue (RecheckToken) arrives; no later than RecheckDueUtc.</summary>
    public DateTime RecheckScheduledUtc { get; set; }

    /// <summary>The time the armed deadline (whichever of the three tokens is set) was scheduled for.</summary>
    public DateTime ArmedDeadlineUtc { get; set; }

    // Token ids of the scheduled messages (MassTransit Schedule); a message with another token is stale and ignored.
    public Guid? PowerOnWaitToken { get; set; }
    public Guid? BootWaitToken { get; set; }
    public Guid? PowerOffWaitToken { get; set; }
    public Guid? RecheckToken { get; set; }
}
