using Bos.Api.ApplyStaged;
using Bos.Api.Auth;
using Bos.Api.Components;
using Bos.Api.OpenApi;
using Bos.Api.Spec;
using Bos.Core.BootImages;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Health;
using Bos.Core.Messaging;
using Bos.Core.Options;
using Bos.Core.Outbox;
using Bos.Core.Redis;
using Bos.Core.Tenancy;
using Carter;

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
        services.Configure<Http.ApiLimits>(configuration.GetSection(Http.ApiLimits.Section));
        services.Configure<Dashboard.DashboardSettings>(configuration.GetSection(Dashboard.DashboardSettings.Section));
        // Kestrel's request-line and header limits above Bos's own, so Bos answers those refusals itself (problem+json).
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<Http.ApiLimits>>((kestrel, limits) => Http.RequestSizeGuard.ConfigureKestrel(kestrel, limits.Value));
        services.AddBosAuth(configuration);
        services.AddSingleton(UpstreamSpec.Instance);
        services.AddSingleton<SchemaValidator>();
        services.AddSingleton<SpecRequestCheck>();
        services.AddSingleton<ComponentRepository>();
        services.AddHostedService<SessionIndexBuilder>();
        services.AddSingleton<BssTokenStore>();
        services.AddSingleton<ComponentWriter>();
        services.AddSingleton<ComponentPatchBatcher>();
        services.AddSingleton<ComponentService>();
        services.AddSingleton<ComponentHistoryStore>();
        // The audit log of write requests and commands (Audit:*, docs/storage.md).
        services.AddOptions<Core.Audit.AuditOptions>().Bind(configuration.GetSection(Core.Audit.AuditOptions.Section));
        services.AddSingleton<Core.Audit.AuditLog>();
        services.AddSingleton<ApplyStagedService>();
        services.AddBosOptions(configuration);
        // S3, IMS and TAPMS through the clients (Services:*, by default the simulator on 127.0.0.1:8090).
        services.AddBosServiceClients(configuration);
        services.AddSingleton<IBootImageCatalog, ClientBootImageCatalog>();
        services.AddBosTenantDirectory(configuration);
        services.AddBosOpenApi();
        // Commands from other services over RabbitMQ (Integration:*, docs/integration.md).
        services.AddSingleton<Integration.CommandDispatcher>();
        services.AddSingleton<Integration.CommandAudit>();
        services.AddHostedService<Integration.CommandConsumer>();
        services.AddBosSessionsApi();
        // The resource modules (ICarterModule) of this assembly only: by default Carter scans every library of the
        // entry assembly's dependency context that references Carter, which would map a test project's modules too.
        services.AddCarter(new DependencyContextAssemblyCatalog([typeof(ApiServices).Assembly]));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = Core.Json.BosJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.DefaultIgnoreCondition = Core.Json.BosJson.Options.DefaultIgnoreCondition;
            o.SerializerOptions.Encoder = Core.Json.BosJson.Options.Encoder;
            foreach (var converter in Core.Json.BosJson.Options.Converters) o.SerializerOptions.Converters.Add(converter);
        });
        return services;
    }
}
