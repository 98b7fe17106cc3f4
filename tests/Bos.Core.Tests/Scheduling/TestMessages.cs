namespace Bos.Core.Tests.Scheduling;

/// <summary>The scheduled message most tests deliver; its CorrelationId property is picked up by MassTransit's convention.</summary>
public sealed record ScheduledPing(Guid Id, Guid CorrelationId);

/// <summary>Asks <see cref="ScheduleFromConsumerConsumer"/> to schedule a ping from inside a consumer (and maybe cancel it).</summary>
public sealed record ScheduleFromConsumer(Guid PingId, int DelayMilliseconds, bool CancelIt);

public sealed record StartTimeoutSaga(Guid SagaId, int TimeoutMilliseconds);

public sealed record FinishTimeoutSaga(Guid SagaId);

public sealed record SagaTimedOut(Guid CorrelationId);
