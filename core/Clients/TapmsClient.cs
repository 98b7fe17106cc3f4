using System.Net;
using System.Text.Json.Serialization;

namespace Bos.Core.Clients;

/// <summary>TAPMS tenant lookups (EXT-70). The client does not cache; the API's tenant directory does (CachingTenantDirectory).</summary>
public interface ITapmsClient
{
    /// <summary>GET /tenants/{name}; a 404 is <see cref="InvalidTenantException"/>.</summary>
    Task<Tenant> GetTenantAsync(string name, CancellationToken ct = default);
}

/// <summary>A tenant and its resources; <see cref="Xnames"/> is the union of every resource's xnames.</summary>
public sealed record Tenant(string Name, IReadOnlyList<TenantResource> Resources)
{
    public IReadOnlySet<string> Xnames { get; } = Resources.SelectMany(r => r.Xnames ?? []).ToHashSet(StringComparer.Ordinal);
}

public sealed record TenantResource(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("xnames")] List<string>? Xnames,
    [property: JsonPropertyName("hsmgrouplabel")] string? HsmGroupLabel,
    [property: JsonPropertyName("hsmpartitionname")] string? HsmPartitionName,
    [property: JsonPropertyName("enforceexclusivehsmgroups")] bool? EnforceExclusiveHsmGroups);

internal sealed class TapmsClient(HttpClient http) : ITapmsClient
{
    private const string Service = "tapms";

    public async Task<Tenant> GetTenantAsync(string name, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"tenants/{Uri.EscapeDataString(name)}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            try { await response.EnsureSuccessAsync(Service, ct); }
            catch (ApiResponseException e) { throw new InvalidTenantException(name, e); }
        }
        var body = await response.ReadAsync<TenantBody>(Service, ct);
        // Upstream reads status.tenantresources; spec is the fallback for a tenant not yet reconciled.
        return new Tenant(name, body.Status?.Resources ?? body.Spec?.Resources ?? []);
    }

    private sealed record TenantBody(
        [property: JsonPropertyName("spec")] TenantResources? Spec,
        [property: JsonPropertyName("status")] TenantResources? Status);

    private sealed record TenantResources([property: JsonPropertyName("tenantresources")] List<TenantResource>? Resources);
}
