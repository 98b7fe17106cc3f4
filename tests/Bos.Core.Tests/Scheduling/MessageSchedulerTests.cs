using Bos.Core.Scheduling;
using Bos.Testing;
using FluentAssertions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Bos.Core.Tests.Scheduling;

/// <summary><see cref="IMessageScheduler"/> from DI, over the real Redis and RabbitMQ, delivered by the hosted dispatcher.</summary>
[Collection(SchedulerBusCollection.Name)]
[NeedsServices]
public sealed class MessageSchedulerTests(SchedulerBusFixture fixture) : IClassFixture<SchedulerBusFixture>
{
    private IMessageScheduler Scheduler => fixture.Host.Services.GetRequiredService<IMessageScheduler>();
    private ScheduledMessageStore Store => new(fixture.Redis.Store);

    [Fact]
    public async Task Scheduled_message_arrives_at_its_time_not_before_with_its_type_correlation_and_headers()
    {
        var ping = new ScheduledPing(Guid.NewGuid(), Guid.NewGuid());
        var due = DateTime.UtcNow.AddSeconds(2);

        var scheduled = await Scheduler.ScheduleSend(PingConsumer.Address, due, ping,
            Pipe.Execute<SendContext>(c => c.Headers.Set(PingConsumer.TestHeader, "kept")));
        (await fixture.Redis.Store.ExistsAsync(ScheduledMessageStore.EntryKey(ScheduledMessageStore.IdOf(scheduled.TokenId))))
            .Should().BeTrue("the message waits in Redis, not in the broker");

        var delivery = await fixture.Host.Log.WaitForAsync(PingConsumer.Kind, ping.Id);

        delivery.ReceivedUtc.Should().BeOnOrAfter(due).And.BeBefore(due.AddSeconds(15));
        delivery.CorrelationId.Should().Be(ping.CorrelationId);
        delivery.SchedulingTokenId.Should().Be(scheduled.TokenId);
        delivery.TestHeader.Should().Be("kept");
        await Eventually.True(async () => await Store.CountAsync() == 0, "entry deleted after delivery");
        fixture.Host.Log.Of(PingConsumer.Kind, ping.Id).Should().ContainSingle();
    }

    [Fact]
    public async Task Cancelled_message_is_never_delivered()
    {
        var cancelled = new ScheduledPing(Guid.NewGuid(), Guid.NewGuid());
        var sentinel = new ScheduledPing(Guid.NewGuid(), Guid.NewGuid());

        var toCancel = await Scheduler.ScheduleSend(PingConsumer.Address, DateTime.UtcNow.AddSeconds(1.5), cancelled);
        await Scheduler.ScheduleSend(PingConsumer.Address, DateTime.UtcNow.AddSeconds(2.5), sentinel);
        await Scheduler.CancelScheduledSend(PingConsumer.Address, toCancel.TokenId);

        var id = ScheduledMessageStore.IdOf(toCancel.TokenId);
        (await fixture.Redis.Store.ExistsAsync(ScheduledMessageStore.EntryKey(id))).Should().BeFalse();
        (await fixture.Redis.Store.SortedSetRangeByScoreAsync(ScheduledMessageStore.DueKey, double.NegativeInfinity, double.PositiveInfinity))
            .Should().NotContain(id);

        // The sentinel was due a second after the cancelled one: once it is in, the cancelled one had its chance.
        await fixture.Host.Log.WaitForAsync(PingConsumer.Kind, sentinel.Id);
        fixture.Host.Log.Of(PingConsumer.Kind, cancelled.Id).Should().BeEmpty();
    }

    [Fact]
    public async Task SchedulePublish_reaches_the_subscribers_of_the_message_type()
    {
        var ping = new ScheduledPing(Guid.NewGuid(), Guid.NewGuid());
        var due = DateTime.UtcNow.AddSeconds(1);

        await Scheduler.SchedulePublish(due, ping);

        var delivery = await fixture.Host.Log.WaitForAsync(PingConsumer.Kind, ping.Id);
        delivery.ReceivedUtc.Should().BeOnOrAfter(due);
    }

    [Fact]
    public void Dispatcher_is_registered_after_the_bus_so_it_starts_after_and_stops_before_it()
    {
        var hosted = fixture.Host.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        hosted.Should().Contain(nameof(ScheduledMessageDispatcherService));
        hosted.IndexOf(nameof(ScheduledMessageDispatcherService)).Should().BeGreaterThan(hosted.IndexOf("MassTransitHostedService"))
            .And.BeGreaterThan(-1);
    }

    [Fact]
    public async Task Message_scheduled_in_the_past_is_delivered_at_once()
    {
        var ping = new ScheduledPing(Guid.NewGuid(), Guid.NewGuid());
        var started = DateTime.UtcNow;

        await Scheduler.ScheduleSend(PingConsumer.Address, started.AddMinutes(-1), ping);

        var delivery = await fixture.Host.Log.WaitForAsync(PingConsumer.Kind, ping.Id);
        delivery.ReceivedUtc.Should().BeBefore(started.AddSeconds(10));
    }
}
