using MassTransit;

namespace Bos.Workers.SessionCompletion;

/// <summary>Runs a coalesced completion check (<see cref="CompletionCheckRequests"/>) over every running session.</summary>
public sealed class SessionCompletionCheckConsumer(CompletionCheckRequests requests, SessionCompletionOperator completion)
    : IConsumer<CheckSessionCompletion>
{
    public async Task Consume(ConsumeContext<CheckSessionCompletion> context)
    {
        // Cleared before reading, so a change committed after the read schedules another check.
        await requests.ClearAsync();
        await completion.RunAsync(context.CancellationToken);
    }
}

public sealed class SessionCompletionCheckConsumerDefinition : ConsumerDefinition<SessionCompletionCheckConsumer>
{
    public SessionCompletionCheckConsumerDefinition()
    {
        EndpointName = CompletionCheckRequests.QueueName;
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SessionCompletionCheckConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(500, 2000, 5000));
}
