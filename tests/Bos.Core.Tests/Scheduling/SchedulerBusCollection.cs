using Xunit;

namespace Bos.Core.Tests.Scheduling;

/// <summary>
/// Every test class that starts a bus joins this collection, so that at most one bus runs in the test process at
/// a time. MassTransit 8.4 keeps the logger of the first bus in a static LogContext and replaces it only while it
/// is null, so a bus started after another host was disposed may log through that host's disposed logger factory
/// (reported as a failure in shared/reference/dotnet-stack.md; with these hosts it did not fail here, with or
/// without console logging). <see cref="SchedulerTestHost.StartAsync"/> therefore resets LogContext before each
/// host so every bus logs through its own live factory; that reset is only safe while no other bus is running,
/// hence this collection. Within it, test classes share one bus through <see cref="SchedulerBusFixture"/> or, for
/// restarts, start hosts strictly one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SchedulerBusCollection
{
    public const string Name = "scheduler bus";
}
