namespace Bos.Workers.Orchestration;

/// <summary>A PCS transition Bos started, watched until its tasks finish (scheduled to itself between checks).</summary>
public sealed record WatchTransition
{
    public required string TransitionId { get; init; }
    public required string Operation { get; init; }
    /// <summary>Components whose tasks have not been reported finished yet; null until the first check (all tasks).</summary>
    public IReadOnlyList<string>? Pending { get; init; }
    /// <summary>When to stop watching and let the engine's sweeps take over.</summary>
    public required DateTimeOffset GiveUpAt { get; init; }
}
