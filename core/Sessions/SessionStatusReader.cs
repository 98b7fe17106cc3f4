using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Tenancy;

namespace Bos.Core.Sessions;

/// <summary>
/// Gathers a session's components (those naming it in <c>session</c> or <c>staged_state.session</c>, restricted to
/// the tenant's components for a tenant) and computes its live extended status.
/// </summary>
public sealed class SessionStatusReader(ComponentRepository components, ITenantDirectory tenants, TimeProvider clock)
{
    public async Task<SessionExtendedStatus> ComputeAsync(Session session, string? tenant, CancellationToken ct = default) =>
        SessionExtendedStatusRule.Compute(session, await ReadAsync(session, tenant, ct), clock.GetUtcNow());

    /// <summary>The session's components as the status sees them.</summary>
    public async Task<IReadOnlyList<Component>> ReadAsync(Session session, string? tenant, CancellationToken ct = default)
    {
        // A tenant that no longer exists owns nothing.
        IReadOnlySet<string>? owned = tenant is null ? null : await tenants.GetComponentIdsAsync(tenant, ct) ?? new HashSet<string>();
        var relevant = new List<Component>();
        await foreach (var component in components.ReadSessionAsync(session.Name!).WithCancellation(ct))
            if (owned is null || owned.Contains(component.Id!)) relevant.Add(component);
        return relevant;
    }
}
