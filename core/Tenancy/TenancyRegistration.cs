using Bos.Core.Clients;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bos.Core.Tenancy;

public static class TenancyRegistration
{
    /// <summary>
    /// The tenant directory: TAPMS (<see cref="TapmsTenantDirectory"/>, answers cached for
    /// <c>Services:TapmsCacheSeconds</c>) when <c>Services:Tapms</c> is set in configuration, otherwise the
    /// "Tenants:&lt;name&gt;:&lt;i&gt;" lists (<see cref="ConfiguredTenantDirectory"/>). The clients' built-in TAPMS
    /// default does not count: only an explicit URL switches tenancy to TAPMS. Needs AddBosServiceClients for TAPMS.
    /// </summary>
    public static IServiceCollection AddBosTenantDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        if (!UsesTapms(configuration))
        {
            services.AddSingleton<ITenantDirectory>(new ConfiguredTenantDirectory(configuration));
            return services;
        }
        services.AddSingleton<TapmsTenantDirectory>();
        services.AddSingleton<ITenantDirectory>(sp => new CachingTenantDirectory(
            sp.GetRequiredService<TapmsTenantDirectory>(),
            TimeSpan.FromSeconds(Math.Max(0, sp.GetRequiredService<IOptions<ServiceEndpoints>>().Value.TapmsCacheSeconds)),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static bool UsesTapms(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{ServiceEndpoints.Section}:{nameof(ServiceEndpoints.Tapms)}"]);
}
