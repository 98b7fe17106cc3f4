using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bos.Core.Health;
using Bos.Core.Options;
using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// Issue #11: while RabbitMQ is away nothing the engine does may wait for it, and a worker that is not ready lets go
/// of its drain lease, so the work waiting in Redis is taken up by a ready replica once the broker is back.
/// </summary>
[NeedsServices]
public sealed class BrokerOutageTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(BrokerOutageTests));

    [Fact]
    public async Task A_kick_gives_up_after_its_timeout_when_the_broker_is_unreachable_and_says_it_was_not_kicked()
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri($"rabbitmq://127.0.0.1:{UnusedPort()}/"), h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        using (var starting = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            try { await bus.StartAsync(starting.Token); }
            catch (Exception) { /* the broker is absent: the bus keeps trying in the background */ }
        }
        try
        {
            var kicks = new ActionKicks(bus, NullLogger<ActionKicks>.Instance);
            var elapsed = Stopwatch.StartNew();

            var kicked = await kicks.KickAsync([ActionKind.PowerOn]);

            kicked.Should().BeEmpty();
            elapsed.Elapsed.Should().BeLessThan(ActionKicks.PublishTimeout + TimeSpan.FromSeconds(5), "a kick never waits out the outage");
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await bus.StopAsync(stopping.Token); }
            catch (Exception) { /* nothing was ever connected */ }
        }
    }

    [Fact]
    public async Task A_drainer_whose_worker_becomes_unready_finishes_its_batch_releases_the_lease_and_leaves_the_rest_waiting()
    {
        var readiness = new SwitchableReadiness();
        var handler = new UnreadyAfterFirstBatch(readiness);
        await using var provider = DrainerHarness.Build(_redis.Store, readiness, handler);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var pending = provider.GetRequiredService<PendingActions>();
        await pending.AddAsync(ActionKind.Observe, new Dictionary<string, string> { ["a"] = "", ["b"] = "", ["c"] = "" });

        await harness.Bus.Publish(new ActionPending(ActionKind.Observe));

        (await harness.GetConsumerHarness<PendingActionConsumer>().Consumed.Any<ActionPending>()).Should().BeTrue();
        handler.Batches.Should().ContainSingle("the batch in hand is finished, no other is started");
        (await _redis.Store.ExistsAsync(PendingActionConsumer.LeaseKey(ActionKind.Observe))).Should().BeFalse("an unready worker holds no lease");
        (await pending.CountAsync(ActionKind.Observe)).Should().Be(2, "the rest waits for a ready replica");
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SwitchableReadiness : IProcessReadiness
    {
        public bool IsReady { get; set; } = true;
    }

    /// <summary>Takes one component at a time; the worker loses its broker while the first is handled.</summary>
    private sealed class UnreadyAfterFirstBatch(SwitchableReadiness readiness) : IActionHandler
    {
        public List<IReadOnlyCollection<string>> Batches { get; } = [];

        public ActionKind Kind => ActionKind.Observe;

        public int BatchSize(BosOptions options) => 1;

        public Task HandleAsync(IReadOnlyDictionary<string, string> batch, ConsumeContext context, Action acted)
        {
            Batches.Add(batch.Keys.ToList());
            readiness.IsReady = false;
            return Task.CompletedTask;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();
}
