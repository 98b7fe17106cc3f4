namespace Bos.Workers.Orchestration;

/// <summary>A PCS transition Bos started, watched until its tasks finish (scheduled to itself between checks).</summary>
public sealed record WatchTransition
{
    public required string TransitionId { get; init; }
    public required string Operation { get; init; }
    /// <summary>Components whose tasks have not been reported finished yet; null: all of the transition's tasks (a watch sent by an older worker).</summary>
    public IReadOnlyList<string>? Pending { get; init; }
    /// <summary>Whether a failed check wrote an observation error on the pending components, which the next good check clears (D-19).</summary>
    public bool ShowsError { get; init; }
    /// <summary>When to stop watching and let the engine's sweeps take over.</summary>
    public required DateTimeOffset GiveUpAt { get; init; }
}
