using Bos.Contracts.Events;
using MassTransit;

namespace Bos.Workers.SessionSetup;

/// <summary>Session setup (OP-50) as soon as a session is created; a redelivered event for a session no longer pending does nothing.</summary>
public sealed class SessionSetupConsumer(SessionSetupOperator setup, ILogger<SessionSetupConsumer> logger) : IConsumer<SessionCreated>
{
    public async Task Consume(ConsumeContext<SessionCreated> context)
    {
        var message = context.Message;
        var outcome = await setup.RunAsync(message.SessionName, message.Tenant, context.CancellationToken);
        logger.LogDebug("Setup of session {SessionName} (tenant {Tenant}): {Outcome}", message.SessionName, message.Tenant, outcome);
    }
}

/// <summary>Sessions are independent: a few at a time. Storage failures are retried; after that the sweep picks the session up.</summary>
public sealed class SessionSetupConsumerDefinition : ConsumerDefinition<SessionSetupConsumer>
{
    public SessionSetupConsumerDefinition()
    {
        EndpointName = "bos-session-setup";
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SessionSetupConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(200, 1000, 5000));
}
