using MassTransit;

namespace Bos.Core.Tests.Sagas;

public sealed record Increment(Guid CounterId);

public sealed record Stop(Guid CounterId);

public sealed class CounterState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public int Version { get; set; }
    public int Count { get; set; }
}

/// <summary>Counts Increments per id; Stop removes the instance.</summary>
public sealed class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    public CounterStateMachine(CounterExecutions executions)
    {
        InstanceState(x => x.CurrentState);
        Event(() => Incremented, e => e.CorrelateById(c => c.Message.CounterId));
        Event(() => Stopped, e =>
        {
            e.CorrelateById(c => c.Message.CounterId);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(When(Incremented).Then(c => Count(c, executions)).TransitionTo(Counting));
        During(Counting,
            When(Incremented).Then(c => Count(c, executions)),
            When(Stopped).Finalize());
        SetCompletedWhenFinalized();
    }

    public State Counting { get; private set; } = null!;
    public Event<Increment> Incremented { get; private set; } = null!;
    public Event<Stop> Stopped { get; private set; } = null!;

    private static void Count(BehaviorContext<CounterState> context, CounterExecutions executions)
    {
        context.Saga.Count++;
        executions.Add();
    }
}

/// <summary>How often the state machine ran: more runs than messages means conflicts were retried.</summary>
public sealed class CounterExecutions
{
    private int _count;
    public int Count => _count;
    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>Many concurrent deliveries per endpoint, so messages of one instance race; conflicts are retried.</summary>
public sealed class CounterStateMachineDefinition : SagaDefinition<CounterState>
{
    public CounterStateMachineDefinition() => Endpoint(e => e.ConcurrentMessageLimit = 16);

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<CounterState> sagaConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<ConcurrencyException>();
            // Jittered back-off: racers of one instance take turns instead of colliding again at once.
            r.Exponential(50, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(10));
        });
}
