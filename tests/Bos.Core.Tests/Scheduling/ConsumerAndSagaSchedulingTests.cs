using Bos.Core.Scheduling;
using Bos.Testing;
using FluentAssertions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Core.Tests.Scheduling;

/// <summary>
/// Scheduling from inside the bus: ConsumeContext.ScheduleSend/CancelScheduledSend in a consumer, and a saga's
/// Schedule()/Unschedule(), all through the consume filter's Redis-backed scheduler context.
/// </summary>
[Collection(SchedulerBusCollection.Name)]
[NeedsServices]
public sealed class ConsumerAndSagaSchedulingTests(SchedulerBusFixture fixture) : IClassFixture<SchedulerBusFixture>
{
    private IBus Bus => fixture.Host.Services.GetRequiredService<IBus>();
    private DeliveryLog Log => fixture.Host.Log;

    [Fact]
    public async Task ScheduleSend_from_a_consumer_arrives_later_in_the_same_conversation()
    {
        var pingId = Guid.NewGuid();
        var published = DateTime.UtcNow;

        await Bus.Publish(new ScheduleFromConsumer(pingId, DelayMilliseconds: 1500, CancelIt: false));

        var scheduling = await Log.WaitForAsync(ScheduleFromConsumerConsumer.Kind, pingId);
        var ping = await Log.WaitForAsync(PingConsumer.Kind, pingId);
        ping.ReceivedUtc.Should().BeOnOrAfter(published.AddMilliseconds(1500));
        ping.SchedulingTokenId.Should().Be(scheduling.SchedulingTokenId);
        ping.ConversationId.Should().NotBeNull().And.Be(scheduling.ConversationId);
    }

    [Fact]
    public async Task CancelScheduledSend_from_a_consumer_means_it_never_arrives()
    {
        var cancelledId = Guid.NewGuid();
        var sentinelId = Guid.NewGuid();

        await Bus.Publish(new ScheduleFromConsumer(cancelledId, DelayMilliseconds: 1000, CancelIt: true));
        await Bus.Publish(new ScheduleFromConsumer(sentinelId, DelayMilliseconds: 2500, CancelIt: false));

        var scheduling = await Log.WaitForAsync(ScheduleFromConsumerConsumer.Kind, cancelledId);
        await Log.WaitForAsync(PingConsumer.Kind, sentinelId);
        Log.Of(PingConsumer.Kind, cancelledId).Should().BeEmpty();
        (await fixture.Redis.Store.ExistsAsync(ScheduledMessageStore.EntryKey(ScheduledMessageStore.IdOf(scheduling.SchedulingTokenId!.Value))))
            .Should().BeFalse();
    }

    [Fact]
    public async Task Saga_Schedule_fires_its_timeout_and_Unschedule_cancels_it()
    {
        // B is finished before its timeout: Unschedule must remove it.
        var finished = Guid.NewGuid();
        await Bus.Publish(new StartTimeoutSaga(finished, TimeoutMilliseconds: 1500));
        var finishedStart = await Log.WaitForAsync(TimeoutStateMachine.StartedKind, finished);
        await Bus.Publish(new FinishTimeoutSaga(finished));
        await Log.WaitForAsync(TimeoutStateMachine.FinishedKind, finished);
        (await fixture.Redis.Store.ExistsAsync(ScheduledMessageStore.EntryKey(ScheduledMessageStore.IdOf(finishedStart.SchedulingTokenId!.Value))))
            .Should().BeFalse("Unschedule removed the pending timeout");

        // A times out, after B's timeout would have: once A's is in, B's had its chance.
        var expiring = Guid.NewGuid();
        var published = DateTime.UtcNow;
        await Bus.Publish(new StartTimeoutSaga(expiring, TimeoutMilliseconds: 1500));
        var started = await Log.WaitForAsync(TimeoutStateMachine.StartedKind, expiring);

        var timedOut = await Log.WaitForAsync(TimeoutStateMachine.TimedOutKind, expiring);
        timedOut.ReceivedUtc.Should().BeOnOrAfter(published.AddMilliseconds(1500));
        timedOut.SchedulingTokenId.Should().NotBeNull().And.Be(started.SchedulingTokenId);
        Log.Of(TimeoutStateMachine.TimedOutKind, finished).Should().BeEmpty();
    }
}
