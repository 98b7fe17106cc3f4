using Bos.Core.Components;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bos.Workers.Orchestration;

public static class OrchestrationRegistration
{
    /// <summary>
    /// Services of the component orchestration (needs AddBosRedis, AddBosOutbox, AddBosOptions and AddBosServiceClients).
    /// The component store registrations are TryAdd: other worker features register the same singletons.
    /// </summary>
    public static IServiceCollection AddBosOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrchestrationSettings>().Bind(configuration.GetSection(OrchestrationSettings.Section))
            .Validate(s => s.PowerSweepInterval > TimeSpan.Zero && s.ConfigurationSweepInterval > TimeSpan.Zero && s.ConfigurationWatchInterval > TimeSpan.Zero
                           && s.ConfigurationWatchLease > TimeSpan.Zero
                           && s.RequestWatchdog > TimeSpan.Zero && s.ObservationWatchdog > TimeSpan.Zero && s.TransitionWatchInterval > TimeSpan.Zero
                           && s.ReconcileInterval > TimeSpan.Zero && s.ReconcileStartDelay >= TimeSpan.Zero,
                "Orchestration: intervals must be positive")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ComponentRepository>();
        services.TryAddSingleton<BssTokenStore>();
        services.TryAddSingleton<ComponentWriter>();
        services.TryAddSingleton<EngineStore>();
        services.TryAddSingleton<PendingActions>();
        services.TryAddSingleton<ActionKicks>();
        services.TryAddSingleton<ComponentEngine>();
        services.TryAddSingleton<PowerOperatorServices>();
        services.TryAddSingleton<ConfiguringComponents>();
        services.TryAddSingleton<WatchedTransitionTasks>();
        services.TryAddSingleton<ObservationErrors>();
        // Scoped: the power-on operator keeps the BSS tokens of the batch it works on.
        services.AddScoped<IActionHandler, ObservationHandler>();
        services.AddScoped<IActionHandler, PowerOnOperator>();
        services.AddScoped<IActionHandler, GracefulPowerOffOperator>();
        services.AddScoped<IActionHandler, ForcefulPowerOffOperator>();
        services.AddScoped<IActionHandler, ConfigurationHandler>();
        services.AddSingleton<DeadlineWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineWatch>());
        services.AddSingleton<ConfigurationWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfigurationWatch>());
        services.AddSingleton<ComponentReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<ComponentReconciler>());
        return services;
    }

    /// <summary>The engine's consumers: component changes in, batched calls out, PCS transitions watched.</summary>
    public static void AddOrchestrationConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<ComponentChangesConsumer, ComponentChangesConsumerDefinition>();
        x.AddConsumer<PendingActionConsumer, PendingActionConsumerDefinition>();
        x.AddConsumer<TransitionWatchConsumer, TransitionWatchConsumerDefinition>();
    }
}
