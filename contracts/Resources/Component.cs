namespace Bos.Contracts.Resources;

// The component record (DM-01..DM-20) as stored and returned. A null property is absent from the JSON,
// so a stored document keeps exactly the fields that were written, as upstream's dict-based records do.

public sealed record Component
{
    public string? Id { get; init; }
    public ActualState? ActualState { get; init; }
    public DesiredState? DesiredState { get; init; }
    public StagedState? StagedState { get; init; }
    public LastAction? LastAction { get; init; }
    public EventStats? EventStats { get; init; }
    public ComponentStatus? Status { get; init; }
    public bool? Enabled { get; init; }
    public string? Error { get; init; }
    public string? Session { get; init; }
    public int? RetryPolicy { get; init; }
}

public sealed record BootArtifacts
{
    public string? Kernel { get; init; }
    public string? KernelParameters { get; init; }
    public string? Initrd { get; init; }

    /// <summary>Internal: when the BSS token's artifacts were recorded (never returned by GET).</summary>
    public string? Timestamp { get; init; }

    public static BootArtifacts Empty { get; } = new() { Kernel = "", KernelParameters = "", Initrd = "" };
}

public sealed record ActualState
{
    public BootArtifacts? BootArtifacts { get; init; }
    public string? BssToken { get; init; }
    public string? LastUpdated { get; init; }

    public static ActualState Empty { get; } = new() { BootArtifacts = BootArtifacts.Empty, BssToken = "" };
}

public sealed record DesiredState
{
    public BootArtifacts? BootArtifacts { get; init; }
    public string? Configuration { get; init; }
    public string? BssToken { get; init; }
    public string? LastUpdated { get; init; }

    public static DesiredState Empty { get; } = new() { Configuration = "", BootArtifacts = BootArtifacts.Empty, BssToken = "" };
}

public sealed record StagedState
{
    public BootArtifacts? BootArtifacts { get; init; }
    public string? Configuration { get; init; }
    public string? Session { get; init; }
    public string? LastUpdated { get; init; }

    /// <summary>Upstream's EMPTY_STAGED_STATE: no session key.</summary>
    public static StagedState Empty { get; } = new() { Configuration = "", BootArtifacts = BootArtifacts.Empty };
}

public sealed record LastAction
{
    public string? LastUpdated { get; init; }
    public string? Action { get; init; }
    public bool? Failed { get; init; }
}

public sealed record EventStats
{
    public int? PowerOnAttempts { get; init; }
    public int? PowerOffGracefulAttempts { get; init; }
    public int? PowerOffForcefulAttempts { get; init; }

    public static EventStats Zero { get; } = new() { PowerOnAttempts = 0, PowerOffGracefulAttempts = 0, PowerOffForcefulAttempts = 0 };
}

public sealed record ComponentStatus
{
    public string? Phase { get; init; }
    public string? Status { get; init; }
    public string? StatusOverride { get; init; }
}
