using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// The endpoint of a batch consumer: requests from many sagas gather for up to BatchTimeLimit (or BatchMessageLimit
/// requests) and become one service call per chunk instead of one per node. Transient failures (Redis, the bus) are
/// retried; service errors are written to the components as upstream does, not retried here.
/// </summary>
public abstract class BatchConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private const int ConcurrentBatches = 2;
    private readonly OrchestrationSettings _settings;

    protected BatchConsumerDefinition(IOptions<OrchestrationSettings> settings)
    {
        _settings = settings.Value;
        Endpoint(e => e.PrefetchCount = Math.Max(16, _settings.BatchMessageLimit * ConcurrentBatches));
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(Math.Max(1, _settings.BatchMessageLimit))
            .SetTimeLimit(_settings.BatchTimeLimit)
            .SetConcurrencyLimit(ConcurrentBatches));
    }
}
