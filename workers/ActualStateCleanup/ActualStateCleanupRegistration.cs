using MassTransit;

namespace Bos.Workers.ActualStateCleanup;

/// <summary>Actual-state cleanup (OP-17): the services that do the work and its consumers (called by <see cref="SessionOperatorsRegistration"/>).</summary>
public static class ActualStateCleanupRegistration
{
    public static IServiceCollection AddActualStateCleanup(this IServiceCollection services)
    {
        services.AddSingleton<ActualStateCleanupOperator>();
        return services;
    }

    public static void AddActualStateCleanupConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<ActualStateCleanupConsumer, ActualStateCleanupConsumerDefinition>();
    }
}
