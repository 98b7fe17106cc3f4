using Bos.Core.Components;
using Bos.Core.Sessions;
using Bos.Core.Tenancy;
using Bos.Workers.ActualStateCleanup;
using Bos.Workers.Discovery;
using Bos.Workers.Periodic;
using Bos.Workers.SessionCleanup;
using Bos.Workers.SessionCompletion;
using Bos.Workers.SessionSetup;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bos.Workers;

/// <summary>The session operator family (`Worker:Operators` = sessions): one feature folder per operator, registered here.</summary>
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

        services.AddSessionSetup();
        services.AddSingleton<SessionFinisher>();
        services.AddSessionCompletion();
        services.AddSessionCleanup();
        services.AddDiscovery();
        services.AddActualStateCleanup();

        services.AddSingleton<PeriodicChains>();
        services.AddHostedService<PeriodicTaskWatchdog>();
        return services;
    }

    /// <summary>The consumers of the session operators: sessions (OP-50, OP-60) and housekeeping (OP-10, OP-17, OP-19).</summary>
    public static void AddSessionOperatorConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddSessionSetupConsumers();
        x.AddSessionCompletionConsumers();
        x.AddSessionCleanupConsumers();
        x.AddDiscoveryConsumers();
        x.AddActualStateCleanupConsumers();
    }
}
