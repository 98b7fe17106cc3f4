using Bos.Core.Messaging;
using Bos.Core.Redis;
using Bos.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bos.Core.Tests.Scheduling;

/// <summary>
/// One process's worth of Bos messaging (AddBosMessaging: bus, Redis scheduler and its dispatcher) with the test
/// consumers and saga, against the real Redis (key prefix) and RabbitMQ (virtual host) of a test.
/// </summary>
public sealed class SchedulerTestHost : IAsyncDisposable
{
    private SchedulerTestHost(IHost host)
    {
        Host = host;
        Log = host.Services.GetRequiredService<DeliveryLog>();
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>What this host's consumers and saga received; still readable after the host is disposed.</summary>
    public DeliveryLog Log { get; }

    public static async Task<SchedulerTestHost> StartAsync(string redisKeyPrefix, string virtualHost,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        LogContext.Current = null; // see SchedulerBusCollection
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = TestServices.RedisConfiguration,
            ["Redis:KeyPrefix"] = redisKeyPrefix,
            ["RabbitMq:Port"] = TestServices.RabbitMqPort.ToString(),
            ["RabbitMq:VirtualHost"] = virtualHost,
            ["Scheduler:PollInterval"] = "00:00:00.100",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddBosRedis(builder.Configuration);
        builder.Services.AddBosMessaging(builder.Configuration, x =>
        {
            x.AddConsumer<PingConsumer>();
            x.AddConsumer<ScheduleFromConsumerConsumer>();
            x.AddSagaStateMachine<TimeoutStateMachine, TimeoutState>().InMemoryRepository();
        });

        var host = builder.Build();
        await host.StartAsync();
        return new SchedulerTestHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
