using Bos.Contracts.Events;
using Bos.Core.Messaging;
using Bos.Core.Outbox;
using Bos.Core.Redis;
using Bos.Testing;
using FluentAssertions;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bos.Core.Tests.OutboxRelaying;

/// <summary>The transactional outbox over the real Redis and RabbitMQ.</summary>
[NeedsServices]
public sealed class OutboxRelayTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(OutboxRelayTests));
    private IsolatedVirtualHost _vhost = null!;

    public async Task InitializeAsync() => _vhost = await IsolatedVirtualHost.CreateAsync(nameof(OutboxRelayTests));

    public async Task DisposeAsync()
    {
        await _vhost.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private IHost BuildHost(bool withRelay = true) => Host.CreateDefaultBuilder()
        .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = TestServices.RedisConfiguration,
            ["Redis:KeyPrefix"] = _redis.KeyPrefix,
            ["RabbitMq:VirtualHost"] = _vhost.Name,
            ["RabbitMq:Port"] = TestServices.RabbitMqPort.ToString(),
        }))
        .ConfigureServices((context, services) =>
        {
            services.AddBosRedis(context.Configuration);
            services.AddBosMessaging(context.Configuration);
            services.AddBosOutbox(context.Configuration);
            if (!withRelay)
                foreach (var relay in services.Where(d => d.ImplementationType == typeof(OutboxRelay)).ToList()) services.Remove(relay);
        })
        .Build();

    /// <summary>A relay driven by the test (<see cref="OutboxRelay.RelayOnce"/>) over the host's bus.</summary>
    private OutboxRelay RelayOver(IHost host, OutboxOptions settings) => new(_redis.Store, new Core.Outbox.Outbox(), host.Services.GetRequiredService<IBus>(),
        host.Services.GetRequiredService<Core.Integration.PublicEventPublisher>(), Microsoft.Extensions.Options.Options.Create(settings), NullLogger<OutboxRelay>.Instance);

    [Fact]
    public async Task Entries_committed_while_no_relay_ran_are_published_once_a_relay_starts()
    {
        // As if the process crashed right after committing: the events sit in Redis, unpublished.
        var outbox = new Core.Outbox.Outbox();
        var tx = _redis.Store.CreateTransaction();
        for (var i = 0; i < 25; i++)
            _ = outbox.Enqueue(tx, new ComponentDeleted { ComponentId = $"c{i}", DeletedAt = DateTimeOffset.UtcNow });
        (await tx.ExecuteAsync()).Should().BeTrue();

        await using var probe = await EventProbe.ListenAsync<ComponentDeleted>(_vhost);
        using var host = BuildHost();
        await host.StartAsync();

        await probe.WaitFor(_ => probe.Messages.Count >= 25);
        probe.Messages.Select(m => m.GetProperty("componentId").GetString()).Should().BeEquivalentTo(Enumerable.Range(0, 25).Select(i => $"c{i}"));
        await WaitUntilEmpty();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_rounds_component_changes_leave_in_messages_of_at_most_ChangesPerMessage_in_commit_order()
    {
        using var host = BuildHost(withRelay: false);
        await host.StartAsync();
        var settings = new OutboxOptions { Lease = TimeSpan.FromSeconds(30), ChangesPerMessage = 3 };
        var relay = RelayOver(host, settings);
        var tx = _redis.Store.CreateTransaction();
        for (var i = 0; i < 7; i++)
            _ = new Core.Outbox.Outbox().Enqueue(tx, new ComponentChanged
            {
                ComponentId = $"c{i}", ChangedFields = ["enabled"], ChangedAt = DateTimeOffset.UtcNow, InputChanged = true,
                Facts = new ComponentFacts { Enabled = true, Fingerprint = "f" },
            });
        (await tx.ExecuteAsync()).Should().BeTrue();
        await using var probe = await EventProbe.ListenAsync<ComponentsChanged>(_vhost);

        (await relay.RelayOnce(settings)).Should().Be(7);

        await probe.WaitFor(_ => probe.Messages.Count >= 3);
        var messages = probe.Messages.Select(m => m.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("componentId").GetString()).ToList()).ToList();
        messages.Select(m => m.Count).Should().Equal(3, 3, 1);
        messages.SelectMany(m => m).Should().Equal(Enumerable.Range(0, 7).Select(i => $"c{i}"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_round_with_changes_that_may_complete_a_session_says_so_once_and_a_round_without_does_not()
    {
        using var host = BuildHost(withRelay: false);
        await host.StartAsync();
        var settings = new OutboxOptions { Lease = TimeSpan.FromSeconds(30), ChangesPerMessage = 2 };
        var relay = RelayOver(host, settings);
        await using var probe = await EventProbe.ListenAsync<ComponentsMayCompleteSessions>(_vhost);
        await using var changes = await EventProbe.ListenAsync<ComponentsChanged>(_vhost);
        var at = DateTimeOffset.UtcNow;
        async Task CommitAsync(params (string Id, string Field, bool Enabled, string Session)[] writes)
        {
            var tx = _redis.Store.CreateTransaction();
            foreach (var (id, field, enabled, session) in writes)
                _ = new Core.Outbox.Outbox().Enqueue(tx, new ComponentChanged
                {
                    ComponentId = id, ChangedFields = [field], ChangedAt = at, InputChanged = true,
                    Facts = new ComponentFacts { Enabled = enabled, Session = session, Fingerprint = "f" },
                });
            (await tx.ExecuteAsync()).Should().BeTrue();
        }

        await CommitAsync(("c1", "desired_state", true, "s1"), ("c2", "enabled", true, "s1"));
        (await relay.RelayOnce(settings)).Should().Be(2);
        await CommitAsync(("c3", "desired_state", true, "s1"), ("c4", "enabled", false, "s1"), ("c5", "session", true, ""));
        (await relay.RelayOnce(settings)).Should().Be(3);

        await changes.WaitFor(_ => changes.Items("changes").Count >= 5);
        var said = await probe.WaitFor(_ => true);
        await Task.Delay(500);
        probe.Messages.Should().ContainSingle("only the second round held such changes (c4 disabled in its session, c5 left it)");
        said.GetProperty("changes").GetInt32().Should().Be(2);
        await host.StopAsync();
    }

    [Fact]
    public async Task Messages_leave_as_json_without_indentation()
    {
        using var host = BuildHost();
        await using var probe = await EventProbe.ListenAsync<ComponentsChanged>(_vhost);
        await host.StartAsync();
        var tx = _redis.Store.CreateTransaction();
        _ = new Core.Outbox.Outbox().Enqueue(tx, new ComponentChanged
        {
            ComponentId = "c1", ChangedFields = ["enabled", "desiredState"], ChangedAt = DateTimeOffset.UtcNow, InputChanged = true,
            Facts = new ComponentFacts { Enabled = true, Fingerprint = "f" },
        });
        (await tx.ExecuteAsync()).Should().BeTrue();

        await probe.WaitFor(m => m.GetProperty("changes")[0].GetProperty("componentId").GetString() == "c1");
        probe.Bodies.Should().ContainSingle().Which.Should().NotContain("\n").And.NotContain("  ").And.Contain("\"changedFields\":[\"enabled\"");
        await host.StopAsync();
    }

    [Fact]
    public async Task Only_the_lease_holder_relays()
    {
        using var host = BuildHost();
        await host.StartAsync();
        await host.StopAsync(); // stop the hosted relay; drive two relays by hand
        var settings = new OutboxOptions { Lease = TimeSpan.FromSeconds(30) };
        OutboxRelay Relay() => RelayOver(host, settings);
        var (first, second) = (Relay(), Relay());

        (await first.RelayOnce(settings)).Should().Be(0, "nothing to relay, but the lease is now taken");
        await _redis.Store.ListRightPushAsync(Core.Outbox.Outbox.ListKey, "{}");
        (await second.RelayOnce(settings)).Should().Be(0, "the first relay holds the lease");
        (await _redis.Store.ListLengthAsync(Core.Outbox.Outbox.ListKey)).Should().Be(1);
    }

    [Fact]
    public async Task Entries_committed_where_the_relay_does_not_hold_the_lease_leave_at_once_through_the_relay_that_does()
    {
        using var host = BuildHost(withRelay: false);
        await host.StartAsync();
        // Polls far apart: only the wake through Redis can make the entry leave within the test's wait.
        var settings = new OutboxOptions { Lease = TimeSpan.FromSeconds(60), PollInterval = TimeSpan.FromSeconds(60) };
        var (holderOutbox, writerOutbox) = (new Core.Outbox.Outbox(), new Core.Outbox.Outbox());
        OutboxRelay Relay(Core.Outbox.Outbox outbox) => new(_redis.Store, outbox, host.Services.GetRequiredService<IBus>(),
            host.Services.GetRequiredService<Core.Integration.PublicEventPublisher>(), Microsoft.Extensions.Options.Options.Create(settings), NullLogger<OutboxRelay>.Instance);
        var (holder, writersRelay) = (Relay(holderOutbox), Relay(writerOutbox));
        await holder.StartAsync(CancellationToken.None);
        await Eventually.True(() => _redis.Store.ExistsAsync("outbox:relay-lease"), "the first relay holds the lease");
        await writersRelay.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // both relays asleep until their next poll
        await using var probe = await EventProbe.ListenAsync<ComponentDeleted>(_vhost);

        var tx = _redis.Store.CreateTransaction();
        _ = writerOutbox.Enqueue(tx, new ComponentDeleted { ComponentId = "written-elsewhere", DeletedAt = DateTimeOffset.UtcNow });
        (await tx.ExecuteAsync()).Should().BeTrue();
        writerOutbox.Signal();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await probe.WaitFor(_ => probe.Messages.Count >= 1, TimeSpan.FromSeconds(10));
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the holder was woken, not left to its 60 s poll");
        probe.Messages.Single().GetProperty("componentId").GetString().Should().Be("written-elsewhere");
        await writersRelay.StopAsync(CancellationToken.None);
        await holder.StopAsync(CancellationToken.None);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_relay_that_lost_its_lease_while_publishing_does_not_trim_entries_it_may_not_have_published()
    {
        using var host = BuildHost(withRelay: false);
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var settings = new OutboxOptions { Lease = TimeSpan.FromSeconds(30) };
        var relay = RelayOver(host, settings);
        var tx = _redis.Store.CreateTransaction();
        _ = new Core.Outbox.Outbox().Enqueue(tx, new ComponentDeleted { ComponentId = "lost-lease", DeletedAt = DateTimeOffset.UtcNow });
        (await tx.ExecuteAsync()).Should().BeTrue();
        // While this relay publishes, its lease lapses and another relay takes it (and commits more behind it).
        using var takeover = bus.ConnectPublishObserver(new TakeOverLease(_redis.Store));

        (await relay.RelayOnce(settings)).Should().Be(0);

        (await _redis.Store.ListLengthAsync(Core.Outbox.Outbox.ListKey)).Should().Be(2, "the relay holding the lease now decides what is trimmed");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_round_that_gives_up_waiting_for_an_unreachable_broker_leaves_the_relay_running_and_the_entries_waiting()
    {
        var port = UnusedPort();
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri($"rabbitmq://127.0.0.1:{port}/"), h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        using (var starting = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            try { await bus.StartAsync(starting.Token); }
            catch (Exception) { /* the broker is absent: the bus keeps trying in the background */ }
        }
        var settings = new OutboxOptions { Lease = TimeSpan.FromMilliseconds(500) };
        await using var publicEvents = new Core.Integration.PublicEventPublisher(new Core.Integration.SessionTenantLookup(_redis.Store),
            Microsoft.Extensions.Options.Options.Create(new RabbitMqOptions { Port = (ushort)port }),
            Microsoft.Extensions.Options.Options.Create(new Core.Integration.IntegrationOptions()), NullLogger<Core.Integration.PublicEventPublisher>.Instance);
        var relay = new OutboxRelay(_redis.Store, new Core.Outbox.Outbox(), bus, publicEvents, Microsoft.Extensions.Options.Options.Create(settings),
            NullLogger<OutboxRelay>.Instance);
        var tx = _redis.Store.CreateTransaction();
        _ = new Core.Outbox.Outbox().Enqueue(tx, new ComponentDeleted { ComponentId = "no-broker", DeletedAt = DateTimeOffset.UtcNow });
        (await tx.ExecuteAsync()).Should().BeTrue();

        await relay.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3));

        relay.ExecuteTask!.IsCompleted.Should().BeFalse("a round cancelled after its lease is retried, not the end of the relay (it stopped the API)");
        (await _redis.Store.ListLengthAsync(Core.Outbox.Outbox.ListKey)).Should().Be(1);
        await relay.StopAsync(CancellationToken.None);
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await bus.StopAsync(stopping.Token); }
        catch (Exception) { /* nothing was ever connected */ }
    }

    private static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class TakeOverLease(IRedisStore redis) : IPublishObserver
    {
        public async Task PrePublish<T>(PublishContext<T> context) where T : class
        {
            await redis.SetAsync("outbox:relay-lease", "another-relay");
            await redis.ListRightPushAsync(Core.Outbox.Outbox.ListKey, "{}");
        }

        public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }

    private async Task WaitUntilEmpty()
    {
        await Eventually.True(async () => await _redis.Store.ListLengthAsync(Core.Outbox.Outbox.ListKey) == 0, "the outbox relayed");
    }
}
