using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// The test classes that start a whole cluster (API, workers, simulator) run one after another: each resets
/// MassTransit's static LogContext as its buses start (see Bos.Core.Tests' SchedulerBusCollection), which is only safe
/// while no other cluster is starting, and two clusters at once would share the machine's 2 cores for nothing.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "orchestration cluster";
}
