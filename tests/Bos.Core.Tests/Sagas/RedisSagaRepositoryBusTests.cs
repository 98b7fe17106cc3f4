using Bos.Core.Messaging;
using Bos.Core.Redis;
using Bos.Core.Sagas;
using Bos.Core.Tests.Scheduling;
using Bos.Testing;
using FluentAssertions;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Bos.Core.Tests.Sagas;

/// <summary>
/// A state-machine saga on the real bus with its instances in Redis: racing messages of one instance conflict, are
/// retried, and none is lost; finalising removes the instance.
/// </summary>
[Collection(SchedulerBusCollection.Name)]
[NeedsServices]
public sealed class RedisSagaRepositoryBusTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(RedisSagaRepositoryBusTests));
    private IsolatedVirtualHost _vhost = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _vhost = await IsolatedVirtualHost.CreateAsync(nameof(RedisSagaRepositoryBusTests));
        LogContext.Current = null; // see SchedulerBusCollection
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = TestServices.RedisConfiguration,
            ["Redis:KeyPrefix"] = _redis.KeyPrefix,
            ["RabbitMq:Port"] = TestServices.RabbitMqPort.ToString(),
            ["RabbitMq:VirtualHost"] = _vhost.Name,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<CounterExecutions>();
        builder.Services.AddBosRedis(builder.Configuration);
        builder.Services.AddBosMessaging(builder.Configuration, x =>
            x.AddSagaStateMachine<CounterStateMachine, CounterState, CounterStateMachineDefinition>().RedisRepository("counter"));
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _vhost.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Racing_messages_of_one_instance_are_all_applied_once()
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        var repository = _host.Services.GetRequiredService<ILoadSagaRepository<CounterState>>();
        var executions = _host.Services.GetRequiredService<CounterExecutions>();
        var id = Guid.NewGuid();
        const int count = 200;

        // Published all at once, the first ones race to create the instance and the rest to update it.
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => bus.Publish(new Increment(id))));

        var saga = await Eventually.Until(() => repository.Load(id), s => s?.Count == count, $"{count} increments counted");

        saga!.Count.Should().Be(count, "every increment lands exactly once");
        saga.Version.Should().Be(count, "one insert and one update per further message");
        executions.Count.Should().BeGreaterThan(count, "with 16 concurrent deliveries some updates lost a race and were retried");

        await bus.Publish(new Stop(id));
        await Eventually.True(async () => await repository.Load(id) is null, "a finalized instance is deleted");
        (await _redis.Store.ExistsAsync(new RedisSagaStore<CounterState>(_redis.Store, new("counter")).Key(id))).Should().BeFalse();
    }
}
