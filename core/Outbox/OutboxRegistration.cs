using Bos.Core.Integration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bos.Core.Outbox;

public static class OutboxRegistration
{
    /// <summary>The outbox writer and its relay (internal messages and public events), for every process that changes BOS records.</summary>
    public static IServiceCollection AddBosOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<Outbox>();
        // The public events other services subscribe to leave with the same entries (docs/integration.md).
        services.AddOptions<IntegrationOptions>().Bind(configuration.GetSection(IntegrationOptions.Section));
        services.AddSingleton<SessionTenantLookup>();
        services.AddSingleton<PublicEventPublisher>();
        services.AddHostedService<OutboxRelay>();
        return services;
    }
}
