using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bos.Core.Outbox;

public static class OutboxRegistration
{
    /// <summary>The outbox writer and its relay, for every process that changes BOS records.</summary>
    public static IServiceCollection AddBosOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<Outbox>();
        services.AddHostedService<OutboxRelay>();
        return services;
    }
}
