using System.Collections.Concurrent;

namespace Bos.Core.Tenancy;

/// <summary>
/// Remembers another directory's answers for a short time (SCALE-10: upstream asks TAPMS on every tenant-scoped
/// request). Both "owns these xnames" and "no such tenant" are kept for <c>ttl</c>; failures are not kept, so the next
/// request asks again. Concurrent requests for one tenant share one lookup.
/// </summary>
public sealed class CachingTenantDirectory(ITenantDirectory inner, TimeSpan ttl, TimeProvider clock) : ITenantDirectory
{
    // Any non-empty header value is a tenant name: expired entries are swept once this many are held.
    private const int SweepThreshold = 1024;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(Lazy<Task<IReadOnlySet<string>?>> Answer, DateTimeOffset Expires)
    {
        public bool UsableAt(DateTimeOffset now) =>
            Expires > now && !(Answer.IsValueCreated && (Answer.Value.IsFaulted || Answer.Value.IsCanceled));
    }

    public Task<IReadOnlySet<string>?> GetComponentIdsAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (ttl <= TimeSpan.Zero) return inner.GetComponentIdsAsync(tenant, cancellationToken);
        var now = clock.GetUtcNow();
        var entry = _entries.AddOrUpdate(tenant, name => Lookup(name, now), (name, old) => old.UsableAt(now) ? old : Lookup(name, now));
        if (_entries.Count > SweepThreshold) Sweep(now);
        // The shared lookup is not tied to one caller's cancellation; each caller stops waiting on its own.
        return entry.Answer.Value.WaitAsync(cancellationToken);
    }

    // Async, so that even a synchronous throw becomes a faulted task (never an exception Lazy would keep).
    private Entry Lookup(string tenant, DateTimeOffset now) =>
        new(new Lazy<Task<IReadOnlySet<string>?>>(async () => await inner.GetComponentIdsAsync(tenant, CancellationToken.None)), now + ttl);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (tenant, entry) in _entries)
            if (!entry.UsableAt(now)) _entries.TryRemove(KeyValuePair.Create(tenant, entry));
    }
}
