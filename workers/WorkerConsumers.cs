using Bos.Workers.Consumers;
using Bos.Workers.Orchestration;
using MassTransit;

namespace Bos.Workers;

/// <summary>Every consumer and saga the worker hosts, in one list.</summary>
public static class WorkerConsumers
{
    public static void Register(IBusRegistrationConfigurator x)
    {
        x.AddConsumer<OptionsChangedConsumer, OptionsChangedConsumerDefinition>();
        x.AddOrchestrationConsumers();
    }
}
