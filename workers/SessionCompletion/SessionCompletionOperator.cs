using System.Collections.Concurrent;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Sessions;
using Bos.Core.Sessions.Completion;
using Bos.Core.Tenancy;

namespace Bos.Workers.SessionCompletion;

/// <summary>
/// Session completion (OP-60): every running session that no component keeps running any more
/// (<see cref="SessionCompletionRule"/>) becomes complete with an end time and a saved extended status.
/// One read of the components serves every running session, and it stops as soon as none of them can be complete.
/// </summary>
public sealed class SessionCompletionOperator(
    SessionRepository sessions,
    ComponentRepository components,
    SessionFinisher finisher,
    ITenantDirectory tenants,
    ILogger<SessionCompletionOperator> logger)
{
    private const int FirstChunk = 50;

    /// <summary>By session name, the component that showed it still running at the last check (this process's checks).</summary>
    private readonly ConcurrentDictionary<string, string> _lastKeepers = new(StringComparer.Ordinal);

    /// <summary>Checks every running session; returns the names of those it completed.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct = default)
    {
        var running = (await sessions.ListWithoutNodeListsAsync()).Where(s => s.Status?.Status == SessionStatusLabels.Running).ToList();
        if (running.Count == 0) return [];

        var tenantNodes = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var tenant in running.Select(s => s.Tenant).OfType<string>().Distinct())
            // A tenant that no longer exists owns nothing, so nothing keeps its sessions running.
            tenantNodes[tenant] = await tenants.GetComponentIdsAsync(tenant, ct) ?? new HashSet<string>();
        IReadOnlySet<string>? Owned(Session session) => session.Tenant is { } tenant ? tenantNodes[tenant] : null;

        // Reading stops once every running session is known to be kept running: during a session that is after the
        // first few records, not a read of every component at each check. Reads start small (FirstChunk) and grow: a
        // first read of 1,000 records was 4 of a 10k reboot's ~22 record reads per node (BENCHMARKS.md).
        var names = running.Select(s => s.Name!).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _lastKeepers.Keys.Where(n => !names.Contains(n)).ToList()) _lastKeepers.TryRemove(gone, out _);
        var rule = SessionCompletionRule.Empty();
        var undecided = running.ToList();
        // Only needed when two sessions are read (a set of 100,000 ids is a large object per check otherwise).
        var seen = names.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var name in names)
        {
            // A session's keepers are all in its own index: once it is known to be kept running, the rest of its
            // components cannot decide another session.
            if (!undecided.Any(s => s.Name == name)) continue;
            await foreach (var component in FromLastKeeperAsync(name).WithCancellation(ct))
            {
                // A component naming two running sessions (session and staged) is counted once.
                if (seen is not null && !seen.Add(component.Id!)) continue;
                foreach (var named in rule.Add(component))
                    if (undecided.RemoveAll(s => s.Name == named && !rule.IsComplete(s, Owned(s))) > 0)
                        _lastKeepers[named] = component.Id!;
                if (undecided.Count == 0) return [];
                if (!undecided.Any(s => s.Name == name)) break;
            }
        }

        var completed = new List<string>();
        foreach (var session in undecided)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object?> { ["SessionName"] = session.Name, ["Tenant"] = session.Tenant });
            if (await finisher.CompleteAsync(session.Name!, session.Tenant, SessionStatusLabels.Running, error: null, ct) is not null)
            {
                logger.LogInformation("Session complete");
                completed.Add(session.Name!);
            }
        }
        return completed;
    }

    /// <summary>
    /// The session's components in id order, starting from the one that kept it running at the last check and going
    /// around to the one before it: each once, so the check stays exact, and the likeliest keepers first. A session's
    /// components finish roughly in the order of their ids, so checks that started from the first id read past every
    /// finished one again: 717,809 records, 7 a node, over a 100,000-node reboot's checks (BENCHMARKS.md).
    /// </summary>
    private async IAsyncEnumerable<Component> FromLastKeeperAsync(string session)
    {
        if (!_lastKeepers.TryGetValue(session, out var keeper))
        {
            await foreach (var component in components.ReadSessionAsync(session, firstChunk: FirstChunk)) yield return component;
            yield break;
        }
        if ((await components.GetManyAsync([keeper]))[0] is { } last && SessionComponentIndex.Names(last, session)) yield return last;
        await foreach (var component in components.ReadSessionAsync(session, after: keeper, firstChunk: FirstChunk)) yield return component;
        await foreach (var component in components.ReadSessionAsync(session, firstChunk: FirstChunk))
        {
            if (string.CompareOrdinal(component.Id, keeper) >= 0) yield break;
            yield return component;
        }
    }
}
