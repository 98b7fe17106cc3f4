using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace Bos.Core.Scheduling;

/// <summary>
/// Puts a <see cref="MessageSchedulerContext"/> backed by Redis on every consume context: what
/// ConsumeContext.ScheduleSend/CancelScheduledSend and saga Schedule()/Unschedule() look for.
/// </summary>
public sealed class RedisMessageSchedulerFilter(ScheduledMessageStore store, SchedulerWakeup wakeup) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        context.GetOrAddPayload<MessageSchedulerContext>(() => new ConsumeMessageSchedulerContext(context, CreateScheduler));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("redisMessageScheduler");

    private IMessageScheduler CreateScheduler(ConsumeContext context)
    {
        var topology = context.GetPayload<IBusTopology>();
        return new MessageScheduler(new RedisScheduleMessageProvider(store, wakeup, topology, context), topology);
    }
}
