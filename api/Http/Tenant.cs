using Bos.Core.Tenancy;

namespace Bos.Api.Http;

/// <summary>The request's tenant (`Cray-Tenant-Name`, MT-01): missing or empty means none.</summary>
public static class Tenant
{
    public const string Header = "Cray-Tenant-Name";

    public static string? Of(HttpContext http) =>
        http.Request.Headers.TryGetValue(Header, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;

    /// <summary>The components the tenant owns; 400 "Invalid tenant" when the tenant does not exist (MT-02).</summary>
    public static async Task<IReadOnlySet<string>> OwnedComponents(ITenantDirectory directory, string tenant, CancellationToken ct) =>
        await directory.GetComponentIdsAsync(tenant, ct) ?? throw ProblemException.InvalidTenant();
}
