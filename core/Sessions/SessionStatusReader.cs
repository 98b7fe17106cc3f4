using System.Runtime.CompilerServices;
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
    /// <summary>The status from the components read one chunk at a time, none of them kept.</summary>
    public async Task<SessionExtendedStatus> ComputeAsync(Session session, string? tenant, CancellationToken ct = default)
    {
        var tally = new SessionExtendedStatusRule.Tally(session.Name);
        await foreach (var component in StreamAsync(session, tenant, ct)) tally.Add(component);
        return tally.Result(session, clock.GetUtcNow());
    }

    /// <summary>The session's components as the status sees them.</summary>
    public async Task<IReadOnlyList<Component>> ReadAsync(Session session, string? tenant, CancellationToken ct = default)
    {
        var relevant = new List<Component>();
        await foreach (var component in StreamAsync(session, tenant, ct)) relevant.Add(component);
        return relevant;
    }

    private async IAsyncEnumerable<Component> StreamAsync(Session session, string? tenant, [EnumeratorCancellation] CancellationToken ct)
    {
        // A tenant that no longer exists owns nothing.
        IReadOnlySet<string>? owned = tenant is null ? null : await tenants.GetComponentIdsAsync(tenant, ct) ?? new HashSet<string>();
        await foreach (var component in components.ReadSessionAsync(session.Name!).WithCancellation(ct))
            if (owned is null || owned.Contains(component.Id!)) yield return component;
    }
}
