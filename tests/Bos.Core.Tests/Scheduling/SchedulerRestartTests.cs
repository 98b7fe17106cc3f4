using Bos.Core.Scheduling;
using Bos.Testing;
using FluentAssertions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Core.Tests.Scheduling;

/// <summary>Scheduled entries live in Redis, not in the process: they survive the process that scheduled them.</summary>
[Collection(SchedulerBusCollection.Name)]
[NeedsServices]
public sealed class SchedulerRestartTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(SchedulerRestartTests));
    private IsolatedVirtualHost _virtualHost = null!;

    public async Task InitializeAsync() => _virtualHost = await IsolatedVirtualHost.CreateAsync(nameof(SchedulerRestartTests));

    public async Task DisposeAsync()
    {
        await _virtualHost.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Entry_scheduled_before_a_restart_is_delivered_by_the_next_process()
    {
        var ping = new ScheduledPing(Guid.NewGuid(), Guid.NewGuid());
        var due = DateTime.UtcNow.AddSeconds(8);

        var first = await SchedulerTestHost.StartAsync(_redis.KeyPrefix, _virtualHost.Name);
        await first.Services.GetRequiredService<IMessageScheduler>().ScheduleSend(PingConsumer.Address, due, ping);
        await first.DisposeAsync();

        DateTime.UtcNow.Should().BeBefore(due, "the first process must be gone before the entry is due");
        first.Log.Of(PingConsumer.Kind, ping.Id).Should().BeEmpty();
        (await new ScheduledMessageStore(_redis.Store).CountAsync()).Should().Be(1);

        await using var second = await SchedulerTestHost.StartAsync(_redis.KeyPrefix, _virtualHost.Name);
        var delivery = await second.Log.WaitForAsync(PingConsumer.Kind, ping.Id);

        delivery.ReceivedUtc.Should().BeOnOrAfter(due);
        delivery.CorrelationId.Should().Be(ping.CorrelationId);
    }
}
