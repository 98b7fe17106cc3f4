using Bos.Contracts.Events;
using MassTransit;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Feeds committed component changes to the engine: the input changes of a <see cref="ComponentsChanged"/> (the
/// orchestration's own bookkeeping does not cross the bus: it is no news to the engine) and deletions.
/// </summary>
public sealed class ComponentChangesConsumer(ComponentEngine engine) : IConsumer<ComponentsChanged>, IConsumer<ComponentDeleted>
{
    public Task Consume(ConsumeContext<ComponentsChanged> context)
    {
        var inputs = context.Message.Changes.Select(EngineInput.Changed).ToList();
        return inputs.Count == 0 ? Task.CompletedTask : engine.HandleAsync(inputs, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<ComponentDeleted> context) =>
        engine.HandleAsync([EngineInput.Deleted(context.Message.ComponentId)], context.CancellationToken);
}

public sealed class ComponentChangesConsumerDefinition : ConsumerDefinition<ComponentChangesConsumer>
{
    public ComponentChangesConsumerDefinition()
    {
        EndpointName = "component-orchestration";
        // A few batches at once: overlapping components are settled by the engine's optimistic writes.
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ComponentChangesConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(10, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100)));
}
