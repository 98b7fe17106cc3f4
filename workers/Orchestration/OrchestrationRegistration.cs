using Bos.Core.Components;
using Bos.Core.Sagas;
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
                           && s.RequestWatchdog > TimeSpan.Zero && s.TransitionWatchInterval > TimeSpan.Zero
                           && s.BatchTimeLimit > TimeSpan.Zero && s.BatchMessageLimit > 0
                           && s.ReconcileInterval > TimeSpan.Zero && s.ReconcileStartDelay >= TimeSpan.Zero,
                "Orchestration: intervals, BatchTimeLimit and BatchMessageLimit must be positive")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ComponentRepository>();
        services.TryAddSingleton<BssTokenStore>();
        services.TryAddSingleton<ComponentWriter>();
        services.TryAddSingleton<ComponentOrchestrator>();
        services.TryAddSingleton<PowerOperatorServices>();
        services.TryAddSingleton<ConfiguringComponents>();
        services.AddSingleton<ConfigurationWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfigurationWatch>());
        services.AddSingleton<ComponentReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<ComponentReconciler>());
        return services;
    }

    /// <summary>The component saga and the batch consumers that make its calls.</summary>
    public static void AddOrchestrationConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddSagaStateMachine<ComponentStateMachine, ComponentState, ComponentStateMachineDefinition>().RedisRepository("component");
        x.AddConsumer<ObservationConsumer, ObservationConsumerDefinition>();
        x.AddConsumer<PowerOnConsumer, PowerOnConsumerDefinition>();
        x.AddConsumer<GracefulPowerOffConsumer, GracefulPowerOffConsumerDefinition>();
        x.AddConsumer<ForcefulPowerOffConsumer, ForcefulPowerOffConsumerDefinition>();
        x.AddConsumer<ConfigurationConsumer, ConfigurationConsumerDefinition>();
        x.AddConsumer<TransitionWatchConsumer, TransitionWatchConsumerDefinition>();
    }
}
