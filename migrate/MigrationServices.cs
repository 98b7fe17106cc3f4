using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Outbox;
using Bos.Core.Redis;
using Bos.Core.Sessions;
using Bos.Core.Templates;
using Bos.Migrate.Own;
using Bos.Migrate.Rules;
using Bos.Migrate.Upstream;
using Bos.Migrate.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bos.Migrate;

public static class MigrationServices
{
    /// <summary>Bos's storage (repositories and the outbox writer, no relay: the API's relays publish the events) and the migrations.</summary>
    public static IServiceCollection AddBosMigration(this IServiceCollection services, IConfiguration configuration, MigrationSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddBosRedis(configuration);
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<Outbox>();
        services.AddSingleton<SessionTemplateRepository>();
        services.AddSingleton<SessionRepository>();
        services.AddSingleton<ComponentRepository>();
        services.AddSingleton<BssTokenStore>();
        services.AddSingleton<OptionsStore>();
        services.AddSingleton(RecordSchema.Upstream);
        services.AddSingleton<MigrationWriter>();
        services.AddSingleton<OwnDataMigration>();
        services.AddSingleton<UpstreamImport>();
        return services;
    }
}
