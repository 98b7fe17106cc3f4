using Bos.Core.Clients;

namespace Bos.Core.Tenancy;

/// <summary>Tenants from TAPMS (EXT-70), not cached, as upstream: a tenant TAPMS does not know (404) owns nothing (null).</summary>
public sealed class TapmsTenantDirectory(ITapmsClient tapms) : ITenantDirectory
{
    public async Task<IReadOnlySet<string>?> GetComponentIdsAsync(string tenant, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await tapms.GetTenantAsync(tenant, cancellationToken)).Xnames;
        }
        catch (InvalidTenantException)
        {
            return null;
        }
    }
}
