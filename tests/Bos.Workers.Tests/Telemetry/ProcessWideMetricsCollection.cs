using Xunit;

namespace Bos.Workers.Tests.Telemetry;

/// <summary>
/// Tests that count what Bos's process-wide meter recorded: they run alone, after every parallel collection, because
/// any test creating or completing a session in the same seconds (SessionCompletionTests and SessionSetupTests write
/// sessions through the repository, which counts them) moves the same counters. Alone, they also meet ClusterCollection's
/// rule that no other cluster starts beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetricsCollection
{
    public const string Name = "process-wide metrics";
}
