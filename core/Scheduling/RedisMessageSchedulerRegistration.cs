using MassTransit;
using MassTransit.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bos.Core.Scheduling;

/// <summary>
/// Wires the Redis-backed scheduler into MassTransit (the RabbitMQ delayed-message plugin and Quartz are absent
/// here). Called only from MessagingRegistration, the one place that configures the bus.
/// </summary>
public static class RedisMessageSchedulerRegistration
{
    /// <summary>Registers the store, <see cref="IMessageScheduler"/> and the dispatcher hosted service.</summary>
    public static IBusRegistrationConfigurator AddRedisMessageScheduler(this IBusRegistrationConfigurator services,
        IConfiguration configuration)
    {
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.Section))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.ClaimBatchSize > 0 && o.RetryDelay >= TimeSpan.Zero,
                "Scheduler: PollInterval, Lease and ClaimBatchSize must be positive, RetryDelay not negative")
            .ValidateOnStart();
        services.TryAddSingleton<ScheduledMessageStore>();
        services.TryAddSingleton<SchedulerWakeup>();
        services.TryAddSingleton<IMessageScheduler>(sp =>
        {
            var bus = sp.GetRequiredService<IBus>();
            var provider = new RedisScheduleMessageProvider(sp.GetRequiredService<ScheduledMessageStore>(),
                sp.GetRequiredService<SchedulerWakeup>(), bus.Topology, sourceAddress: bus.Address);
            return new MessageScheduler(provider, bus.Topology);
        });
        services.TryAddSingleton<Bos.Core.Health.IProcessReadiness, Bos.Core.Health.AlwaysReady>();
        services.TryAddSingleton<ScheduledMessageDispatcher>();
        // Registered after MassTransit's own hosted service (AddMassTransit adds it before running this), so the
        // dispatcher stops before the bus does.
        services.AddHostedService<ScheduledMessageDispatcherService>();
        return services;
    }

    /// <summary>Gives every consumer and saga of the bus a scheduler context backed by Redis.</summary>
    public static void UseRedisMessageScheduler(this IBusFactoryConfigurator configurator, IBusRegistrationContext context) =>
        configurator.AddPrePipeSpecification(new RedisMessageSchedulerSpecification(
            context.GetRequiredService<ScheduledMessageStore>(), context.GetRequiredService<SchedulerWakeup>()));
}
