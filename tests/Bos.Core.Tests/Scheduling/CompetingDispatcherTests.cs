using System.Diagnostics;
using Bos.Core.Redis;
using Bos.Core.Scheduling;
using Bos.Testing;
using FluentAssertions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Bos.Core.Tests.Scheduling;

/// <summary>
/// Dispatchers competing over the same keys, as the API and worker processes do. Each dispatcher here has its own
/// Redis connection and wakeup, as in separate processes; they share the fixture's bus (one bus per test
/// process, see SchedulerBusCollection) and use keys of their own, which the fixture's hosted dispatcher never sees.
/// </summary>
[Collection(SchedulerBusCollection.Name)]
[NeedsServices]
public sealed class CompetingDispatcherTests(SchedulerBusFixture fixture, ITestOutputHelper output)
    : IClassFixture<SchedulerBusFixture>, IAsyncLifetime
{
    private readonly IsolatedRedis _shared = new(nameof(CompetingDispatcherTests));
    private readonly List<StackExchangeRedisStore> _connections = [];

    private IBus Bus => fixture.Host.Services.GetRequiredService<IBus>();
    private DeliveryLog Log => fixture.Host.Log;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections) connection.Dispose();
        await _shared.DisposeAsync();
    }

    [Fact]
    public async Task Two_dispatchers_deliver_each_of_200_entries_exactly_once()
    {
        const int count = 200;
        var pings = Enumerable.Range(0, count).Select(_ => new ScheduledPing(Guid.NewGuid(), Guid.NewGuid())).ToList();
        var scheduler = new RedisScheduleMessageProvider(new ScheduledMessageStore(_shared.Store), new SchedulerWakeup(), Bus.Topology);
        var due = DateTime.UtcNow;
        await Task.WhenAll(pings.Select(p => scheduler.ScheduleSend(PingConsumer.Address, due, p, Pipe.Empty<SendContext<ScheduledPing>>(), default)));

        var first = CreateDispatcher(TimeSpan.FromSeconds(30));
        var second = CreateDispatcher(TimeSpan.FromSeconds(30));
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var running = new[] { first.RunAsync(stop.Token), second.RunAsync(stop.Token) };

        await Eventually.True(() => pings.All(p => Log.Of(PingConsumer.Kind, p.Id).Count > 0), $"all {count} delivered");
        var allDelivered = clock.Elapsed;
        var store = new ScheduledMessageStore(_shared.Store);
        await Eventually.True(async () => await store.CountAsync() == 0, "every entry deleted");
        await stop.CancelAsync();
        await Task.WhenAll(running);

        output.WriteLine($"{count} entries delivered by two dispatchers in {allDelivered.TotalMilliseconds:F0} ms " +
                         $"(first sent {first.Sent}, second sent {second.Sent})");
        (first.Sent + second.Sent).Should().Be(count, "no entry was sent twice");
        first.Sent.Should().BePositive();
        second.Sent.Should().BePositive();
        pings.Should().OnlyContain(p => Log.Of(PingConsumer.Kind, p.Id).Count == 1);
    }

    [Fact]
    public async Task Entry_claimed_by_a_crashed_dispatcher_is_delivered_by_another_after_the_lease()
    {
        var lease = TimeSpan.FromSeconds(3);
        var ping = new ScheduledPing(Guid.NewGuid(), Guid.NewGuid());
        var scheduler = new RedisScheduleMessageProvider(new ScheduledMessageStore(_shared.Store), new SchedulerWakeup(), Bus.Topology);
        await scheduler.ScheduleSend(PingConsumer.Address, DateTime.UtcNow.AddSeconds(-1), ping, Pipe.Empty<SendContext<ScheduledPing>>(), default);

        // The crashed dispatcher claims the entry and never completes it.
        var claimedAt = DateTime.UtcNow;
        var crashed = await new ScheduledMessageStore(Connect()).ClaimDueAsync(lease, 10);
        crashed.Should().ContainSingle();

        var survivor = CreateDispatcher(lease);
        using var stop = new CancellationTokenSource();
        var running = survivor.RunAsync(stop.Token);

        var delivery = await Log.WaitForAsync(PingConsumer.Kind, ping.Id);
        await stop.CancelAsync();
        await running;

        delivery.ReceivedUtc.Should().BeOnOrAfter(claimedAt + lease, "the claim hid the entry for its whole lease");
        // The bus host's own dispatcher watches the same keys and may be the one that delivers it: what matters is
        // one delivery, by a live dispatcher, only after the crashed claim's lease.
        survivor.Sent.Should().BeLessThanOrEqualTo(1);
        Log.Of(PingConsumer.Kind, ping.Id).Should().ContainSingle();
    }

    private ScheduledMessageDispatcher CreateDispatcher(TimeSpan lease) => new(
        new ScheduledMessageStore(Connect()), Bus, new SchedulerWakeup(),
        MsOptions.Create(new SchedulerOptions { PollInterval = TimeSpan.FromMilliseconds(100), Lease = lease, ClaimBatchSize = 10 }),
        NullLogger<ScheduledMessageDispatcher>.Instance);

    /// <summary>A connection of its own over the shared keys, as another process would have.</summary>
    private StackExchangeRedisStore Connect()
    {
        var store = new StackExchangeRedisStore(
            MsOptions.Create(new RedisOptions { Configuration = TestServices.RedisConfiguration, KeyPrefix = _shared.KeyPrefix }),
            NullLogger<StackExchangeRedisStore>.Instance);
        _connections.Add(store);
        return store;
    }
}
