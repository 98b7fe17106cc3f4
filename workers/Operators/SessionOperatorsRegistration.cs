using Bos.Core.Components;
using Bos.Core.Operators.ActualStateCleanup;
using Bos.Core.Operators.Discovery;
using Bos.Core.Sessions;
using Bos.Core.Sessions.Completion;
using Bos.Core.Sessions.Setup;
using Bos.Core.Tenancy;
using Bos.Workers.Periodic;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bos.Workers.Operators;

public static class SessionOperatorsRegistration
{
    /// <summary>
    /// Session setup, completion and cleanup, discovery and actual-state cleanup, and the periodic-task watchdog.
    /// Needs Redis, the outbox, the options and the service clients (TAPMS gives the tenants unless the host
    /// registered another <see cref="ITenantDirectory"/>).
    /// </summary>
    public static IServiceCollection AddBosSessionOperators(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorSettings>().Bind(configuration.GetSection(OperatorSettings.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ComponentRepository>();
        services.TryAddSingleton<BssTokenStore>();
        services.TryAddSingleton<ComponentWriter>();
        services.TryAddSingleton<ITenantDirectory, TapmsTenantDirectory>();
        services.AddBosSessionsAndTemplates();

        services.AddSingleton<SessionSetupPlanner>();
        services.AddSingleton<SessionSetup>();
        services.AddSingleton<SessionFinisher>();
        services.AddSingleton<SessionCompletion>();
        services.AddSingleton<SessionCleanup>();
        services.AddSingleton<ComponentDiscovery>();
        services.AddSingleton<ActualStateCleanup>();

        services.AddSingleton<PeriodicChains>();
        services.AddSingleton<CompletionCheckRequests>();
        services.AddHostedService<PeriodicTaskWatchdog>();
        return services;
    }
}
