using System.Security.Cryptography;
using System.Text;

namespace Bos.Core.Tenancy;

/// <summary>
/// Upstream's tenant-aware record key (MT-03): sha1(tenant or "") + "-" + sha1(name), so one name can exist
/// once per tenant and once untenanted.
/// </summary>
public static class TenantKey
{
    public static string For(string? tenant, string name) => $"{Sha1(tenant ?? "")}-{Sha1(name)}";

    private static string Sha1(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
}
