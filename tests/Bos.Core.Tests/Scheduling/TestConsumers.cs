using MassTransit;

namespace Bos.Core.Tests.Scheduling;

/// <summary>Records every <see cref="ScheduledPing"/> with the context values scheduling must preserve.</summary>
public sealed class PingConsumer(DeliveryLog log) : IConsumer<ScheduledPing>
{
    public const string Kind = "ping";
    public const string TestHeader = "X-Bos-Test";
    public static readonly Uri Address = new("queue:ping");

    public Task Consume(ConsumeContext<ScheduledPing> context)
    {
        log.Add(new Delivery(Kind, context.Message.Id, DateTime.UtcNow, context.CorrelationId, context.ConversationId,
            context.Headers.Get<Guid>(MessageHeaders.SchedulingTokenId), context.Headers.Get<string>(TestHeader)));
        return Task.CompletedTask;
    }
}

/// <summary>Schedules a ping from inside a consumer through the consume context's scheduler, and cancels it if asked.</summary>
public sealed class ScheduleFromConsumerConsumer(DeliveryLog log) : IConsumer<ScheduleFromConsumer>
{
    public const string Kind = "scheduled-from-consumer";

    public async Task Consume(ConsumeContext<ScheduleFromConsumer> context)
    {
        var request = context.Message;
        var scheduled = await context.ScheduleSend(PingConsumer.Address, TimeSpan.FromMilliseconds(request.DelayMilliseconds),
            new ScheduledPing(request.PingId, NewId.NextGuid()));
        if (request.CancelIt)
            await context.CancelScheduledSend(scheduled);
        log.Add(new Delivery(Kind, request.PingId, DateTime.UtcNow, ConversationId: context.ConversationId,
            SchedulingTokenId: scheduled.TokenId));
    }
}
