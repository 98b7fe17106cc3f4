using Bos.Contracts.Events;
using Bos.Core.Messaging;
using Bos.Testing;
using Bos.Workers.SessionCompletion;
using FluentAssertions;
using MassTransit;
using Xunit;

namespace Bos.Workers.Tests.SessionCompletion;

/// <summary>
/// Upgrading a broker whose completion trigger queue took every <see cref="ComponentsChanged"/> (builds before
/// <see cref="ComponentsMayCompleteSessions"/>): the binding MassTransit made for it is removed, the others stay.
/// </summary>
[NeedsServices]
public sealed class RetiredCompletionTriggerBindingTests : IAsyncLifetime
{
    private IsolatedVirtualHost _vhost = null!;

    public async Task InitializeAsync() => _vhost = await IsolatedVirtualHost.CreateAsync(nameof(RetiredCompletionTriggerBindingTests));

    public async Task DisposeAsync() => await _vhost.DisposeAsync();

    private RabbitMqOptions Rabbit => new() { Port = (ushort)TestServices.RabbitMqPort, VirtualHost = _vhost.Name };

    [Fact]
    public async Task The_binding_an_earlier_build_made_no_longer_routes_changes_to_the_trigger_queue_and_the_others_still_route()
    {
        var received = new Received();
        // The trigger endpoint as earlier builds declared it: it consumed ComponentsChanged too.
        await using (await StartBusAsync(cfg => cfg.ReceiveEndpoint(SessionCompletionConsumerDefinition.QueueName, e =>
                     {
                         e.Handler<ComponentsChanged>(_ => Task.CompletedTask);
                         e.Handler<ComponentDeleted>(_ => Task.CompletedTask);
                     })))
        {
        }

        (await RetiredCompletionTriggerBinding.RemoveAsync(Rabbit, CancellationToken.None)).Should().BeTrue();

        // Today's endpoint with a consumer that counts whatever reaches the queue.
        await using var bus = await StartBusAsync(cfg => cfg.ReceiveEndpoint(SessionCompletionConsumerDefinition.QueueName, e =>
        {
            e.ConfigureConsumeTopology = false;
            e.Handler<ComponentsChanged>(_ => received.Add("changes"));
            e.Handler<ComponentDeleted>(_ => received.Add("deleted"));
        }));
        await bus.Bus.Publish(new ComponentsChanged { Changes = [] });
        await bus.Bus.Publish(new ComponentDeleted { ComponentId = "x1", DeletedAt = DateTimeOffset.UtcNow });

        await Eventually.True(() => Task.FromResult(received.Names.Contains("deleted")), "the deletion reaches the queue through its binding");
        await Task.Delay(300);
        received.Names.Should().Equal("deleted");
    }

    [Fact]
    public async Task A_broker_that_never_had_it_is_left_as_it_is() =>
        (await RetiredCompletionTriggerBinding.RemoveAsync(Rabbit, CancellationToken.None)).Should().BeFalse();

    private async Task<StartedBus> StartBusAsync(Action<IRabbitMqBusFactoryConfigurator> configure)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri($"rabbitmq://127.0.0.1:{TestServices.RabbitMqPort}/{_vhost.Name}"), h =>
            {
                h.Username("guest");
                h.Password("guest");
            });
            configure(cfg);
        });
        await bus.StartAsync();
        return new StartedBus(bus);
    }

    private sealed record StartedBus(IBusControl Bus) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Bus.StopAsync();
    }

    private sealed class Received
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _names = new();

        public IReadOnlyList<string> Names => _names.ToList();

        public Task Add(string name)
        {
            _names.Enqueue(name);
            return Task.CompletedTask;
        }
    }
}
