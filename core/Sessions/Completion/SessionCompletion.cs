using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Tenancy;
using Microsoft.Extensions.Logging;

namespace Bos.Core.Sessions.Completion;

/// <summary>
/// Session completion (OP-60): every running session that no component keeps running any more
/// (<see cref="SessionCompletionRule"/>) becomes complete with an end time and a saved extended status.
/// One read of the components serves every running session.
/// </summary>
public sealed class SessionCompletion(
    SessionRepository sessions,
    ComponentRepository components,
    SessionFinisher finisher,
    ITenantDirectory tenants,
    ILogger<SessionCompletion> logger)
{
    /// <summary>Checks every running session; returns the names of those it completed.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct = default)
    {
        var running = (await sessions.ListAsync()).Where(s => s.Status?.Status == SessionStatusLabels.Running).ToList();
        if (running.Count == 0) return [];

        var names = running.Select(s => s.Name!).ToHashSet(StringComparer.Ordinal);
        var relevant = new List<Component>();
        await foreach (var component in components.ReadAllAsync().WithCancellation(ct))
            if (names.Contains(component.Session ?? "") || names.Contains(component.StagedState?.Session ?? ""))
                relevant.Add(component);
        var rule = SessionCompletionRule.Of(relevant);

        var tenantNodes = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var completed = new List<string>();
        foreach (var session in running)
        {
            IReadOnlySet<string>? owned = null;
            if (session.Tenant is { } tenant && !tenantNodes.TryGetValue(tenant, out owned))
                // A tenant that no longer exists owns nothing, so nothing keeps its sessions running.
                tenantNodes[tenant] = owned = await tenants.GetComponentIdsAsync(tenant, ct) ?? new HashSet<string>();
            if (!rule.IsComplete(session, owned)) continue;

            using var scope = logger.BeginScope(new Dictionary<string, object?> { ["SessionName"] = session.Name, ["Tenant"] = session.Tenant });
            if (await finisher.CompleteAsync(session.Name!, session.Tenant, SessionStatusLabels.Running, error: null, ct) is not null)
            {
                logger.LogInformation("Session complete");
                completed.Add(session.Name!);
            }
        }
        return completed;
    }
}
