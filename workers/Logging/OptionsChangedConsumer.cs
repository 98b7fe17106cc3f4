using Bos.Contracts.Events;
using Bos.Core.Logging;
using MassTransit;

namespace Bos.Workers.Logging;

/// <summary>Applies `logging_level` from changed options to this worker process at runtime.</summary>
public sealed class OptionsChangedConsumer(LogLevelController logLevel, ILogger<OptionsChangedConsumer> logger)
    : IConsumer<OptionsChanged>
{
    public Task Consume(ConsumeContext<OptionsChanged> context)
    {
        if (context.Message.Options.TryGetValue("logging_level", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
        {
            var name = value.GetString();
            if (logLevel.Apply(name))
                logger.LogInformation("Log level set to {LoggingLevel} from options", name);
            else
                logger.LogWarning("Ignoring unknown logging_level {LoggingLevel}", name);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Every worker process must apply the log level, so each gets its own temporary queue
/// (a broadcast), instead of competing on one shared queue.
/// </summary>
public sealed class OptionsChangedConsumerDefinition : ConsumerDefinition<OptionsChangedConsumer>
{
    public OptionsChangedConsumerDefinition(IConfiguration configuration)
    {
        Endpoint(e =>
        {
            // "Worker:InstanceId" tells apart several workers in one process (tests of replicas).
            e.InstanceId = configuration["Worker:InstanceId"] ?? WorkerInstance.Id;
            e.Temporary = true;
        });
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<OptionsChangedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Interval(3, TimeSpan.FromMilliseconds(200)));
    }
}
