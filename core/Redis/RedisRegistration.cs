using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bos.Core.Redis;

public static class RedisRegistration
{
    public static IServiceCollection AddBosRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section));
        services.AddSingleton<IRedisStore, StackExchangeRedisStore>();
        // Retention of what every component write appends to the component's history (docs/storage.md).
        services.AddOptions<Components.ComponentHistoryOptions>().Bind(configuration.GetSection(Components.ComponentHistoryOptions.Section));
        return services;
    }
}
