using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bos.Core.Options;

public static class OptionsRegistration
{
    /// <summary>
    /// The options record and this process's view of it (<see cref="IBosOptionsSource"/>), kept fresh by
    /// <see cref="OptionsFollower"/>. For every Bos process; needs AddBosRedis and AddBosOutbox.
    /// </summary>
    public static IServiceCollection AddBosOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OptionsRefreshSettings>().Bind(configuration.GetSection(OptionsRefreshSettings.Section));
        services.AddSingleton<OptionsStore>();
        services.AddSingleton<RedisBosOptionsSource>();
        services.AddSingleton<IBosOptionsSource>(sp => sp.GetRequiredService<RedisBosOptionsSource>());
        services.AddHostedService<OptionsFollower>();
        return services;
    }
}
