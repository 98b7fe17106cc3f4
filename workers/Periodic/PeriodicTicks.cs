namespace Bos.Workers.Periodic;

/// <summary>
/// One wake-up of a periodic task. <c>Token</c> identifies this tick in its task's chain (only the tick whose token is
/// current may run: a redelivered or duplicate tick is dropped); <c>LastRunAt</c> is when the task last ran.
/// </summary>
public interface IPeriodicTick
{
    Guid Token { get; }

    DateTimeOffset? LastRunAt { get; }
}

/// <summary>Sweep of pending sessions (safety net of SessionCreated).</summary>
public sealed record SessionSetupSweep(Guid Token, DateTimeOffset? LastRunAt) : IPeriodicTick;

/// <summary>Sweep of running sessions (safety net of the component-change trigger).</summary>
public sealed record SessionCompletionSweep(Guid Token, DateTimeOffset? LastRunAt) : IPeriodicTick;

/// <summary>Deletion of old complete sessions.</summary>
public sealed record SessionCleanupTick(Guid Token, DateTimeOffset? LastRunAt) : IPeriodicTick;

/// <summary>Discovery of new HSM nodes.</summary>
public sealed record DiscoveryTick(Guid Token, DateTimeOffset? LastRunAt) : IPeriodicTick;

/// <summary>Clearing of stale actual states.</summary>
public sealed record ActualStateCleanupTick(Guid Token, DateTimeOffset? LastRunAt) : IPeriodicTick;
