using Bos.Core.Options;
using Bos.Workers.Periodic;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Discovery;

/// <summary>Discovery (OP-10) every discovery_frequency seconds (read at every tick, so a change applies within MaxSleep).</summary>
public sealed class DiscoveryConsumer(DiscoveryOperator discovery, IBosOptionsSource options, PeriodicChains chains,
    IOptions<OperatorSettings> settings, TimeProvider clock, ILogger<DiscoveryConsumer> logger)
    : PeriodicTaskConsumer<DiscoveryTick>(chains, settings, clock, logger)
{
    protected override PeriodicTask Periodic => PeriodicTasks.Discovery;

    protected override TimeSpan Interval(OperatorSettings settings)
    {
        var frequency = TimeSpan.FromSeconds(options.Current.DiscoveryFrequency);
        return frequency < settings.MinimumDiscoveryInterval ? settings.MinimumDiscoveryInterval : frequency;
    }

    protected override DiscoveryTick NextTick(Guid token, DateTimeOffset? lastRunAt) => new(token, lastRunAt);

    protected override Task RunAsync(CancellationToken ct) => discovery.RunAsync(ct);
}

public sealed class DiscoveryConsumerDefinition() : PeriodicTaskConsumerDefinition<DiscoveryConsumer>(PeriodicTasks.Discovery);
