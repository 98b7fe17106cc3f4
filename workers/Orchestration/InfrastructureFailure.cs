using StackExchange.Redis;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Whether an exception met while acting on a batch is Bos's own infrastructure failing (its Redis connection, the
/// process out of memory) rather than a service it called. Upstream counts any exception while acting as the
/// components' attempt (OP-01); a failure of Bos itself says nothing about them, so before the power call such a
/// batch goes back to wait for a drainer instead, its attempts unspent. Once PCS has been called the action may have
/// happened, and the outcome is written as upstream writes it (giving the batch back could repeat the action).
/// docs/compatibility.md D-24.
/// </summary>
public static class InfrastructureFailure
{
    /// <summary>True when <paramref name="e"/> or an exception inside it is one of Bos's own failures.</summary>
    public static bool Is(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is RedisException or RedisTimeoutException or OutOfMemoryException) return true;
        return false;
    }
}
