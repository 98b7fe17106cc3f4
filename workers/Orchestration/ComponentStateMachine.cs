using Bos.Contracts.Events;
using MassTransit;
using MassTransit.Middleware;

namespace Bos.Workers.Orchestration;

/// <summary>
/// One saga per enabled component (OP-40), driven by events instead of upstream's 15 s polls: a change of the record's
/// inputs, an observation of PCS and CFS (asked for by the saga, or by the watches of PCS transitions and CFS
/// configuration when those move on), the answer of a power call, and its own scheduled timeouts. A trigger leads to
/// an observation; an observation to the status assessment (OP-30) and the next step (<see cref="Plan"/>): a batched power call, a deadline, a sweep, or the end of the saga once the
/// component is disabled. The states say what the saga waits for: an observation (Observing), the answer of a power
/// call (Acting), or the next trigger (Waiting). A trigger that arrives while a request is out marks the saga Dirty,
/// so it looks again once the answer is in.
/// </summary>
public sealed class ComponentStateMachine : MassTransitStateMachine<ComponentState>
{
    // Deadlines fire a little after the assessment's strict "more than N s since the last action" holds.
    private static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(250);

    public ComponentStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Changed, e =>
        {
            e.CorrelateById(c => ComponentSagaId.For(c.Message.ComponentId));
            e.SetSagaFactory(c => new ComponentState { CorrelationId = ComponentSagaId.For(c.Message.ComponentId), ComponentId = c.Message.ComponentId });
        });
        Event(() => Reconciled, e =>
        {
            e.CorrelateById(c => ComponentSagaId.For(c.Message.ComponentId));
            e.SetSagaFactory(c => new ComponentState { CorrelationId = ComponentSagaId.For(c.Message.ComponentId), ComponentId = c.Message.ComponentId });
        });
        Event(() => Deleted, e => ByComponent(e, c => c.Message.ComponentId));
        Event(() => Observed, e => ByComponent(e, c => c.Message.ComponentId));
        Event(() => ActionCompleted, e => ByComponent(e, c => c.Message.ComponentId));

        Schedule(() => PowerOnWait, x => x.PowerOnWaitToken, Timeout);
        Schedule(() => BootWait, x => x.BootWaitToken, Timeout);
        Schedule(() => PowerOffWait, x => x.PowerOffWaitToken, Timeout);
        Schedule(() => Recheck, x => x.RecheckToken, Timeout);

        Initially(
            When(Changed)
                .ThenAsync(Inspect)
                .IfElse(c => c.Saga.LastChange == ChangeKind.Gone, gone => gone.Finalize(), live => Observe(live)),
            When(Reconciled)
                .ThenAsync(Inspect)
                .IfElse(c => c.Saga.LastChange == ChangeKind.Gone, gone => gone.Finalize(), live => Observe(live)));

        During(Observing, Acting, Waiting,
            Finish(When(Deleted)));

        During(Waiting,
            When(Changed)
                .ThenAsync(InspectChange)
                .IfElse(c => c.Saga.LastChange == ChangeKind.Gone, Finish,
                    live => live.If(c => c.Saga.LastChange == ChangeKind.Relevant, Observe)),
            // A late or duplicate observation is still an observation.
            When(Observed).ThenAsync(Assess).IfElse(c => c.Saga.Next == NextStep.Finish, Finish, Apply),
            Observe(When(PowerOnWait.Received)),
            Observe(When(BootWait.Received)),
            Observe(When(PowerOffWait.Received)),
            When(Recheck.Received).Then(Disarm).IfElse(NotYetDue, Rearm, Observe));

        During(Observing, Acting,
            When(Changed)
                .ThenAsync(InspectChange)
                .IfElse(c => c.Saga.LastChange == ChangeKind.Gone, Finish,
                    live => live.If(c => c.Saga.LastChange == ChangeKind.Relevant, relevant => relevant.Then(c => c.Saga.Dirty = true))),
            When(PowerOnWait.Received).Then(c => c.Saga.Dirty = true),
            When(BootWait.Received).Then(c => c.Saga.Dirty = true),
            When(PowerOffWait.Received).Then(c => c.Saga.Dirty = true),
            // The watchdog: the observation or the power call got no answer; look again.
            When(Recheck.Received).Then(Disarm).IfElse(NotYetDue, Rearm, Observe));

        During(Observing,
            When(Observed).ThenAsync(Assess).IfElse(c => c.Saga.Next == NextStep.Finish, Finish, Apply));

        During(Acting,
            // An observation someone else asked for (a PCS transition or CFS configuration that moved on) while the
            // power call is out: look again once it is answered.
            When(Observed).Then(c => c.Saga.Dirty = true),
            When(ActionCompleted)
                .ThenAsync(c => Orchestrator(c).AfterActionAsync(c.Saga, c.Message))
                .Then(c => c.Saga.Dirty |= c.Message.Outcome == PowerActionOutcome.RetryLimitHit)
                .IfElse(c => c.Saga.Next == NextStep.Finish, Finish, Wait));

        OnUnhandledEvent(x => x.Ignore());
        SetCompletedWhenFinalized();
    }

    public State Observing { get; private set; } = null!;
    public State Acting { get; private set; } = null!;
    public State Waiting { get; private set; } = null!;

    public Event<ComponentInputChanged> Changed { get; private set; } = null!;
    public Event<AssessComponent> Reconciled { get; private set; } = null!;
    public Event<ComponentDeleted> Deleted { get; private set; } = null!;
    public Event<ComponentObserved> Observed { get; private set; } = null!;
    public Event<PowerActionCompleted> ActionCompleted { get; private set; } = null!;

    public Schedule<ComponentState, PowerOnWaitElapsed> PowerOnWait { get; private set; } = null!;
    public Schedule<ComponentState, BootWaitElapsed> BootWait { get; private set; } = null!;
    public Schedule<ComponentState, PowerOffWaitElapsed> PowerOffWait { get; private set; } = null!;
    public Schedule<ComponentState, RecheckDue> Recheck { get; private set; } = null!;

    private static void Timeout<T>(IScheduleConfigurator<ComponentState, T> s) where T : class, CorrelatedBy<Guid> =>
        s.Received = r =>
        {
            r.CorrelateById(c => c.Message.CorrelationId);
            r.OnMissingInstance(m => m.Discard());
        };

    private static void ByComponent<T>(IEventCorrelationConfigurator<ComponentState, T> e, Func<ConsumeContext<T>, string> componentId)
        where T : class
    {
        e.CorrelateById(c => ComponentSagaId.For(componentId(c)));
        e.OnMissingInstance(m => m.Discard());
    }

    private static async Task Inspect(BehaviorContext<ComponentState> c) =>
        c.Saga.LastChange = await Orchestrator(c).InspectAsync(c.Saga);

    private static async Task InspectChange(BehaviorContext<ComponentState, ComponentInputChanged> c) =>
        c.Saga.LastChange = await Orchestrator(c).InspectAsync(c.Saga, c.Message.Component);

    private static Task Assess(BehaviorContext<ComponentState, ComponentObserved> c) => Orchestrator(c).AssessAsync(c.Saga, c.Message);

    private static ComponentOrchestrator Orchestrator(BehaviorContext<ComponentState> c) => c.GetServiceOrCreateInstance<ComponentOrchestrator>();

    /// <summary>Asks for an observation (batched with others by the ObservationConsumer), guarded by the watchdog.</summary>
    private EventActivityBinder<ComponentState, T> Observe<T>(EventActivityBinder<ComponentState, T> binder) where T : class =>
        binder
            .Publish(c => new ObserveComponent(c.Saga.ComponentId))
            .Then(c => c.Saga.Dirty = false)
            .Then(c => c.Saga.RecheckDueUtc = Orchestrator(c).WatchdogAt())
            .If(RecheckTooLate, Rearm)
            .TransitionTo(Observing);

    /// <summary>Carries out the plan of an assessment: one power call, or a wait.</summary>
    private EventActivityBinder<ComponentState, T> Apply<T>(EventActivityBinder<ComponentState, T> binder) where T : class =>
        binder
            .If(c => c.Saga.Next == NextStep.PowerOn, b => Act(b.Publish(c => new PowerOnRequested(c.Saga.ComponentId, c.Saga.Reason))))
            .If(c => c.Saga.Next == NextStep.GracefulOff, b => Act(b.Publish(c => new GracefulPowerOffRequested(c.Saga.ComponentId, c.Saga.Reason))))
            .If(c => c.Saga.Next == NextStep.ForcefulOff, b => Act(b.Publish(c => new ForcefulPowerOffRequested(c.Saga.ComponentId, c.Saga.Reason))))
            .If(c => c.Saga.Next == NextStep.Wait, Wait);

    private EventActivityBinder<ComponentState, T> Act<T>(EventActivityBinder<ComponentState, T> binder) where T : class =>
        binder
            .Unschedule(PowerOnWait).Unschedule(BootWait).Unschedule(PowerOffWait)
            .Then(c => c.Saga.RecheckDueUtc = Orchestrator(c).WatchdogAt())
            .If(RecheckTooLate, Rearm)
            .TransitionTo(Acting);

    /// <summary>
    /// Arms the deadline that guards the current action (cancelling the others; one already armed for the same time is
    /// kept) and the next sweep.
    /// </summary>
    private EventActivityBinder<ComponentState, T> Wait<T>(EventActivityBinder<ComponentState, T> binder) where T : class =>
        Arm(Arm(Arm(binder,
                        Deadline.PowerOn, PowerOnWait, s => s.PowerOnWaitToken, id => new PowerOnWaitElapsed(id)),
                    Deadline.Boot, BootWait, s => s.BootWaitToken, id => new BootWaitElapsed(id)),
                Deadline.PowerOff, PowerOffWait, s => s.PowerOffWaitToken, id => new PowerOffWaitElapsed(id))
            .If(c => c.Saga.ConfigureNeeded, b => b.Publish(c => new ConfigureRequested(c.Saga.ComponentId)))
            .If(RecheckTooLate, Rearm)
            .TransitionTo(Waiting)
            .If(c => c.Saga.Dirty, Observe);

    /// <summary>Schedules <paramref name="schedule"/> when the plan's deadline is <paramref name="kind"/> (unless armed already for that time), else cancels it.</summary>
    private static EventActivityBinder<ComponentState, T> Arm<T, TMessage>(EventActivityBinder<ComponentState, T> binder, Deadline kind,
        Schedule<ComponentState, TMessage> schedule, Func<ComponentState, Guid?> token, Func<Guid, TMessage> message)
        where T : class
        where TMessage : class =>
        binder.IfElse(c => c.Saga.Deadline == kind,
            b => b.If(c => token(c.Saga) is null || c.Saga.ArmedDeadlineUtc != c.Saga.DeadlineUtc, arm => arm
                .Schedule(schedule, c => message(c.Saga.CorrelationId), c => c.Saga.DeadlineUtc + DeadlineMargin)
                .Then(c => c.Saga.ArmedDeadlineUtc = c.Saga.DeadlineUtc)),
            b => b.Unschedule(schedule));

    // One scheduled RecheckDue serves the watchdog and the sweep: it is moved only when it would come later than needed
    // (RecheckDueUtc), and one that comes early is moved on when it arrives; so most steps schedule nothing.
    private static bool RecheckTooLate(BehaviorContext<ComponentState> c) =>
        c.Saga.RecheckToken is null || c.Saga.RecheckScheduledUtc > c.Saga.RecheckDueUtc;

    private static bool NotYetDue(BehaviorContext<ComponentState> c) => !Orchestrator(c).IsDue(c.Saga.RecheckDueUtc);

    // The RecheckDue being handled is spent (MassTransit would clear its token only after the handler).
    private static void Disarm(BehaviorContext<ComponentState> c) => c.Saga.RecheckToken = null;

    private EventActivityBinder<ComponentState, T> Rearm<T>(EventActivityBinder<ComponentState, T> binder) where T : class =>
        binder
            .Schedule(Recheck, c => new RecheckDue(c.Saga.CorrelationId), c => c.Saga.RecheckDueUtc)
            .Then(c => c.Saga.RecheckScheduledUtc = c.Saga.RecheckDueUtc);

    private EventActivityBinder<ComponentState, T> Finish<T>(EventActivityBinder<ComponentState, T> binder) where T : class =>
        binder.Unschedule(PowerOnWait).Unschedule(BootWait).Unschedule(PowerOffWait).Unschedule(Recheck).Finalize();
}

/// <summary>
/// The component sagas' endpoint: instances in Redis with optimistic concurrency, so a lost race (two replicas, or two
/// messages of one component) is retried with jittered back-off against the new state; the in-memory outbox holds the
/// saga's publishes and schedules until its state is stored, so a retried attempt leaves no stray request behind.
/// Within a process, messages of one component are partitioned onto one lane, so they do not race each other.
/// </summary>
public sealed class ComponentStateMachineDefinition : SagaDefinition<ComponentState>
{
    private const int Partitions = 64;

    public ComponentStateMachineDefinition() => Endpoint(e => e.Name = "component-orchestration");

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<ComponentState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(20, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(20)));
        endpointConfigurator.UseInMemoryOutbox(context);

        var partitioner = new Partitioner(Partitions, new Murmur3UnsafeHashGenerator());
        endpointConfigurator.UsePartitioner<ComponentInputChanged>(partitioner, c => ComponentSagaId.For(c.Message.ComponentId));
        endpointConfigurator.UsePartitioner<AssessComponent>(partitioner, c => ComponentSagaId.For(c.Message.ComponentId));
        endpointConfigurator.UsePartitioner<ComponentDeleted>(partitioner, c => ComponentSagaId.For(c.Message.ComponentId));
        endpointConfigurator.UsePartitioner<ComponentObserved>(partitioner, c => ComponentSagaId.For(c.Message.ComponentId));
        endpointConfigurator.UsePartitioner<PowerActionCompleted>(partitioner, c => ComponentSagaId.For(c.Message.ComponentId));
        endpointConfigurator.UsePartitioner<PowerOnWaitElapsed>(partitioner, c => c.Message.CorrelationId);
        endpointConfigurator.UsePartitioner<BootWaitElapsed>(partitioner, c => c.Message.CorrelationId);
        endpointConfigurator.UsePartitioner<PowerOffWaitElapsed>(partitioner, c => c.Message.CorrelationId);
        endpointConfigurator.UsePartitioner<RecheckDue>(partitioner, c => c.Message.CorrelationId);
    }
}
