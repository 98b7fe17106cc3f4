using MassTransit;

namespace Bos.Workers.Discovery;

/// <summary>Discovery (OP-10): the services that do the work and its consumers (called by <see cref="SessionOperatorsRegistration"/>).</summary>
public static class DiscoveryRegistration
{
    public static IServiceCollection AddDiscovery(this IServiceCollection services)
    {
        services.AddSingleton<DiscoveryOperator>();
        return services;
    }

    public static void AddDiscoveryConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<DiscoveryConsumer, DiscoveryConsumerDefinition>();
    }
}
