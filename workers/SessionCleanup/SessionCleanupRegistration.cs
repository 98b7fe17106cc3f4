using MassTransit;

namespace Bos.Workers.SessionCleanup;

/// <summary>Session cleanup (OP-19): the services that do the work and its consumers (called by <see cref="SessionOperatorsRegistration"/>).</summary>
public static class SessionCleanupRegistration
{
    public static IServiceCollection AddSessionCleanup(this IServiceCollection services)
    {
        services.AddSingleton<SessionCleanupOperator>();
        return services;
    }

    public static void AddSessionCleanupConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<SessionCleanupConsumer, SessionCleanupConsumerDefinition>();
    }
}
