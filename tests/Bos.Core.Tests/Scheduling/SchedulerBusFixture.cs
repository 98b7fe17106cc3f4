using Bos.Testing;
using Xunit;

namespace Bos.Core.Tests.Scheduling;

/// <summary>One started test host shared by a test class, over its own Redis key prefix and RabbitMQ virtual host.</summary>
public sealed class SchedulerBusFixture : IAsyncLifetime
{
    public IsolatedRedis Redis { get; } = new(nameof(SchedulerBusFixture));

    public IsolatedVirtualHost VirtualHost { get; private set; } = null!;

    public SchedulerTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        VirtualHost = await IsolatedVirtualHost.CreateAsync(nameof(SchedulerBusFixture));
        Host = await SchedulerTestHost.StartAsync(Redis.KeyPrefix, VirtualHost.Name);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await VirtualHost.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
