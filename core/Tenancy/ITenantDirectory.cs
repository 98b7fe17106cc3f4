using Microsoft.Extensions.Configuration;

namespace Bos.Core.Tenancy;

/// <summary>Which components a tenant owns (TAPMS, §5). Null when the tenant does not exist.</summary>
public interface ITenantDirectory
{
    Task<IReadOnlySet<string>?> GetComponentIdsAsync(string tenant, CancellationToken cancellationToken = default);
}

/// <summary>
/// Tenants from configuration ("Tenants": {"name": ["xname", ...]}): the directory used until a TAPMS URL is
/// configured, and in tests.
/// </summary>
public sealed class ConfiguredTenantDirectory(Microsoft.Extensions.Configuration.IConfiguration configuration) : ITenantDirectory
{
    public Task<IReadOnlySet<string>?> GetComponentIdsAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var section = configuration.GetSection("Tenants").GetSection(tenant);
        IReadOnlySet<string>? ids = section.Exists()
            ? section.GetChildren().Select(c => c.Value!).Where(v => v is not null).ToHashSet(StringComparer.Ordinal)
            : null;
        return Task.FromResult<IReadOnlySet<string>?>(ids);
    }
}
