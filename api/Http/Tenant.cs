using Bos.Core.Tenancy;

namespace Bos.Api.Http;

/// <summary>Tenancy rules shared by the services (MT-01, MT-02).</summary>
public static class Tenant
{
    public const string Header = "Cray-Tenant-Name";

    /// <summary>The components the tenant owns; 400 "Invalid tenant" when the tenant does not exist (MT-02).</summary>
    public static async Task<IReadOnlySet<string>> OwnedComponents(ITenantDirectory directory, string tenant, CancellationToken ct) =>
        await directory.GetComponentIdsAsync(tenant, ct) ?? throw ProblemException.InvalidTenant();
}
