using Bos.Workers.Logging;
using Bos.Workers.Orchestration;
using MassTransit;

namespace Bos.Workers;

/// <summary>Every consumer and saga the worker hosts: each operator family registers its own (see its registration).</summary>
public static class WorkerConsumers
{
    public static void Register(IBusRegistrationConfigurator x, WorkerOperators operators)
    {
        x.AddConsumer<OptionsChangedConsumer, OptionsChangedConsumerDefinition>();
        if (operators.Sessions) x.AddSessionOperatorConsumers();
        if (operators.Components) x.AddOrchestrationConsumers();
    }
}
