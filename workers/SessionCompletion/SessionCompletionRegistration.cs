using MassTransit;

namespace Bos.Workers.SessionCompletion;

/// <summary>Session completion (OP-60): the services that do the work and its consumers (called by <see cref="SessionOperatorsRegistration"/>).</summary>
public static class SessionCompletionRegistration
{
    public static IServiceCollection AddSessionCompletion(this IServiceCollection services)
    {
        services.AddSingleton<SessionCompletionOperator>();
        services.AddSingleton<CompletionCheckRequests>();
        services.AddHostedService<RetiredCompletionTriggerBinding>();
        return services;
    }

    public static void AddSessionCompletionConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<SessionCompletionConsumer, SessionCompletionConsumerDefinition>();
        x.AddConsumer<SessionCompletionCheckConsumer, SessionCompletionCheckConsumerDefinition>();
        x.AddConsumer<SessionCompletionSweepConsumer, SessionCompletionSweepConsumerDefinition>();
    }
}
