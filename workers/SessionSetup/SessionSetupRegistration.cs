using Bos.Core.Sessions.Setup;
using MassTransit;

namespace Bos.Workers.SessionSetup;

/// <summary>Session setup (OP-50): the services that do the work and its consumers (called by <see cref="SessionOperatorsRegistration"/>).</summary>
public static class SessionSetupRegistration
{
    public static IServiceCollection AddSessionSetup(this IServiceCollection services)
    {
        services.AddSingleton<SessionSetupPlanner>();
        services.AddSingleton<SessionSetupOperator>();
        return services;
    }

    public static void AddSessionSetupConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<SessionSetupConsumer, SessionSetupConsumerDefinition>();
        x.AddConsumer<SessionSetupSweepConsumer, SessionSetupSweepConsumerDefinition>();
    }
}
