using Bos.Contracts.Events;
using Bos.Core.Sessions.Completion;
using MassTransit;

namespace Bos.Workers.SessionCompletion;

/// <summary>
/// Session completion trigger (OP-60): a change that may complete a running session (<see cref="CompletionTriggers"/>)
/// schedules one coalesced check of all running sessions (<see cref="CompletionCheckRequests"/>). The outbox relay says
/// when a round of component changes held such a change (<see cref="ComponentsMayCompleteSessions"/>): receiving every
/// <see cref="ComponentsChanged"/> only to look for them cost the worker a sixth of its CPU (BENCHMARKS.md).
/// </summary>
public sealed class SessionCompletionConsumer(CompletionCheckRequests requests)
    : IConsumer<ComponentsMayCompleteSessions>, IConsumer<ComponentDeleted>, IConsumer<SessionUpdated>
{
    public Task Consume(ConsumeContext<ComponentsMayCompleteSessions> context) => requests.RequestAsync(context);

    public Task Consume(ConsumeContext<ComponentDeleted> context) => requests.RequestAsync(context);

    public Task Consume(ConsumeContext<SessionUpdated> context) =>
        CompletionTriggers.MayComplete(context.Message) ? requests.RequestAsync(context) : Task.CompletedTask;
}

public sealed class SessionCompletionConsumerDefinition : ConsumerDefinition<SessionCompletionConsumer>
{
    public const string QueueName = "bos-session-completion-trigger";

    public SessionCompletionConsumerDefinition() => EndpointName = QueueName;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SessionCompletionConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(200, 1000, 5000));
}
