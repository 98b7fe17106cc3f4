using Bos.Contracts.Events;
using Bos.Core.Sessions.Completion;
using MassTransit;

namespace Bos.Workers.SessionCompletion;

/// <summary>
/// Session completion trigger (OP-60): a change that may complete a running session (<see cref="CompletionTriggers"/>)
/// schedules one coalesced check of all running sessions (<see cref="CompletionCheckRequests"/>).
/// </summary>
public sealed class SessionCompletionConsumer(CompletionCheckRequests requests)
    : IConsumer<ComponentsChanged>, IConsumer<ComponentDeleted>, IConsumer<SessionUpdated>
{
    public Task Consume(ConsumeContext<ComponentsChanged> context) =>
        context.Message.Changes.Any(CompletionTriggers.MayComplete) ? requests.RequestAsync(context) : Task.CompletedTask;

    public Task Consume(ConsumeContext<ComponentDeleted> context) => requests.RequestAsync(context);

    public Task Consume(ConsumeContext<SessionUpdated> context) =>
        CompletionTriggers.MayComplete(context.Message) ? requests.RequestAsync(context) : Task.CompletedTask;
}

public sealed class SessionCompletionConsumerDefinition : ConsumerDefinition<SessionCompletionConsumer>
{
    public SessionCompletionConsumerDefinition() => EndpointName = "bos-session-completion-trigger";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SessionCompletionConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(200, 1000, 5000));
}
