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

    private IHost BuildHost() => Host.CreateDefaultBuilder()
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
        })
        .Build();

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
    public async Task Only_the_lease_holder_relays()
    {
        using var host = BuildHost();
        await host.StartAsync();
        await host.StopAsync(); // stop the hosted relay; drive two relays by hand
        var bus = host.Services.GetRequiredService<IBus>();
        var settings = new OutboxOptions { Lease = TimeSpan.FromSeconds(30) };
        OutboxRelay Relay() => new(_redis.Store, new Core.Outbox.Outbox(), bus, host.Services.GetRequiredService<Core.Integration.PublicEventPublisher>(),
            Microsoft.Extensions.Options.Options.Create(settings), NullLogger<OutboxRelay>.Instance);
        var (first, second) = (Relay(), Relay());

        (await first.RelayOnce(settings)).Should().Be(0, "nothing to relay, but the lease is now taken");
        await _redis.Store.ListRightPushAsync(Core.Outbox.Outbox.ListKey, "{}");
        (await second.RelayOnce(settings)).Should().Be(0, "the first relay holds the lease");
        (await _redis.Store.ListLengthAsync(Core.Outbox.Outbox.ListKey)).Should().Be(1);
    }

    private async Task WaitUntilEmpty()
    {
        await Eventually.True(async () => await _redis.Store.ListLengthAsync(Core.Outbox.Outbox.ListKey) == 0, "the outbox relayed");
    }
}
