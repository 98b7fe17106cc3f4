using Bos.Workers.Consumers;
using Bos.Workers.Orchestration;
using MassTransit;

namespace Bos.Workers;

/// <summary>Every consumer and saga the worker hosts, in one list.</summary>
public static class WorkerConsumers
{
    public static void Register(IBusRegistrationConfigurator x, WorkerOperators operators)
    {
        x.AddConsumer<OptionsChangedConsumer, OptionsChangedConsumerDefinition>();
        if (operators.Sessions) RegisterSessionOperators(x);
        if (operators.Components) x.AddOrchestrationConsumers();
    }

    private static void RegisterSessionOperators(IBusRegistrationConfigurator x)
    {
        // Sessions (OP-50, OP-60) and housekeeping (OP-10, OP-17, OP-19).
        x.AddConsumer<SessionSetupConsumer, SessionSetupConsumerDefinition>();
        x.AddConsumer<SessionSetupSweepConsumer, SessionSetupSweepConsumerDefinition>();
        x.AddConsumer<SessionCompletionConsumer, SessionCompletionConsumerDefinition>();
        x.AddConsumer<SessionCompletionCheckConsumer, SessionCompletionCheckConsumerDefinition>();
        x.AddConsumer<SessionCompletionSweepConsumer, SessionCompletionSweepConsumerDefinition>();
        x.AddConsumer<SessionCleanupConsumer, SessionCleanupConsumerDefinition>();
        x.AddConsumer<DiscoveryConsumer, DiscoveryConsumerDefinition>();
        x.AddConsumer<ActualStateCleanupConsumer, ActualStateCleanupConsumerDefinition>();
    }
}
