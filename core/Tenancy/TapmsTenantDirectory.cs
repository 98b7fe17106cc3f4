using Bos.Core.Clients;

namespace Bos.Core.Tenancy;

/// <summary>
/// Tenants as TAPMS knows them (EXT-70): a tenant owns the union of its resources' xnames. TAPMS's 404 means the
/// tenant does not exist (null, which the API answers with 400 "Invalid tenant", MT-02); any other failure is a
/// <see cref="TenantLookupException"/>, since whether the tenant exists is then unknown.
/// </summary>
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
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TenantLookupException(tenant, e);
        }
    }
}

/// <summary>The tenant directory could not say whether a tenant exists (TAPMS unreachable or failing).</summary>
public sealed class TenantLookupException(string tenant, Exception inner)
    : Exception($"Unable to look up tenant '{tenant}' in TAPMS: {inner.Message}", inner)
{
    public string Tenant { get; } = tenant;
}
