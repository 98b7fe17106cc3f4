using Bos.Api.OpenApi;
using Bos.Api.Spec;
using Bos.Core.Components;
using Bos.Core.Health;
using Bos.Core.Messaging;
using Bos.Core.Options;
using Bos.Core.Outbox;
using Bos.Core.Redis;
using Bos.Core.Tenancy;

namespace Bos.Api;

public static class ApiServices
{
    /// <summary>Everything the API host needs, in one place.</summary>
    public static IServiceCollection AddBosApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddBosRedis(configuration);
        services.AddBosMessaging(configuration);
        services.AddBosOutbox(configuration);
        services.AddSingleton<HealthProbe>();
        services.AddSingleton(UpstreamSpec.Instance);
        services.AddSingleton<SchemaValidator>();
        services.AddSingleton<ComponentRepository>();
        services.AddSingleton<BssTokenStore>();
        services.AddSingleton<ComponentWriter>();
        services.AddSingleton<Components.ComponentService>();
        services.AddSingleton<Components.ApplyStagedService>();
        services.AddSingleton<ITenantDirectory, ConfiguredTenantDirectory>();
        services.AddBosOptions(configuration);
        services.AddBosOpenApi();
        services.AddBosSessionsApi();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = Core.Json.BosJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.DefaultIgnoreCondition = Core.Json.BosJson.Options.DefaultIgnoreCondition;
            o.SerializerOptions.Encoder = Core.Json.BosJson.Options.Encoder;
        });
        return services;
    }
}
