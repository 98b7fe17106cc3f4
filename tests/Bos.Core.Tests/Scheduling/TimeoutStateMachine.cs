using MassTransit;

namespace Bos.Core.Tests.Scheduling;

public sealed class TimeoutState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public Guid? TimeoutTokenId { get; set; }
    public int TimeoutMilliseconds { get; set; }
}

/// <summary>A saga that schedules its own timeout on start and unschedules it when finished first.</summary>
public sealed class TimeoutStateMachine : MassTransitStateMachine<TimeoutState>
{
    public const string StartedKind = "saga-started";
    public const string TimedOutKind = "saga-timed-out";
    public const string FinishedKind = "saga-finished";

    public TimeoutStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Started, e => e.CorrelateById(c => c.Message.SagaId));
        Event(() => Finished, e => e.CorrelateById(c => c.Message.SagaId));
        Schedule(() => Timeout, x => x.TimeoutTokenId, s =>
        {
            s.DelayProvider = c => TimeSpan.FromMilliseconds(c.Saga.TimeoutMilliseconds);
            s.Received = r => r.CorrelateById(c => c.Message.CorrelationId);
        });

        Initially(
            When(Started)
                .Then(c => c.Saga.TimeoutMilliseconds = c.Message.TimeoutMilliseconds)
                .Schedule(Timeout, c => new SagaTimedOut(c.Saga.CorrelationId))
                .Then(c => Record(c, StartedKind, c.Saga.TimeoutTokenId))
                .TransitionTo(Waiting));

        During(Waiting,
            When(Timeout!.Received)
                .Then(c => Record(c, TimedOutKind, c.GetSchedulingTokenId()))
                .TransitionTo(Expired),
            When(Finished)
                .Unschedule(Timeout)
                .Then(c => Record(c, FinishedKind, c.Saga.TimeoutTokenId))
                .TransitionTo(Done));
    }

    public State Waiting { get; private set; } = null!;
    public State Expired { get; private set; } = null!;
    public State Done { get; private set; } = null!;

    public Event<StartTimeoutSaga> Started { get; private set; } = null!;
    public Event<FinishTimeoutSaga> Finished { get; private set; } = null!;
    public Schedule<TimeoutState, SagaTimedOut> Timeout { get; private set; } = null!;

    private static void Record(BehaviorContext<TimeoutState> context, string kind, Guid? tokenId) =>
        context.GetServiceOrCreateInstance<DeliveryLog>().Add(new Delivery(kind, context.Saga.CorrelationId, DateTime.UtcNow,
            SchedulingTokenId: tokenId));
}
