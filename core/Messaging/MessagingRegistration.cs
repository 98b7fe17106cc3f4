using Bos.Core.Scheduling;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bos.Core.Messaging;

/// <summary>The one place that configures the bus, for the API, the workers and the tests.</summary>
public static class MessagingRegistration
{
    public static IServiceCollection AddBosMessaging(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        services.AddOptions<RabbitMqOptions>().Bind(configuration.GetSection(RabbitMqOptions.Section));
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            // Without this the host returns before queues are bound and early publishes are dropped.
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.SetKebabCaseEndpointNameFormatter();
            // Durable scheduled messages in Redis: ScheduleSend, saga Schedule() and IMessageScheduler.
            x.AddRedisMessageScheduler(configuration);
            configureConsumers?.Invoke(x);

            x.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                cfg.Host(options.Host, options.Port, options.VirtualHost, h =>
                {
                    h.Username(options.Username);
                    h.Password(options.Password);
                    h.PublisherConfirmation = true;
                    if (!string.IsNullOrEmpty(options.ConnectionName)) h.ConnectionName(options.ConnectionName);
                });
                cfg.PrefetchCount = options.PrefetchCount;
                cfg.ConfigureJsonSerializerOptions(MessageJson.Compact);
                cfg.Durable = true;
                cfg.UseRedisMessageScheduler(context);
                cfg.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
