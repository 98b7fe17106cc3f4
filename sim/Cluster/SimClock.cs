using Bos.Simulator.Options;
using Microsoft.Extensions.Options;

namespace Bos.Simulator.Cluster;

/// <summary>Wall-clock time for records, and simulated durations drawn from the timing options and time-scaled.</summary>
public sealed class SimClock(IOptions<SimulatorOptions> options, SimRandom random, TimeProvider time)
{
    private readonly double _scale = Math.Max(0, options.Value.TimeScale);

    public DateTimeOffset Now => time.GetUtcNow();

    public double Scale => _scale;

    /// <summary>A uniform draw from the range, in simulated seconds, turned into a real delay.</summary>
    public TimeSpan Draw(DurationRange range)
    {
        var min = Math.Max(0, Math.Min(range.Min, range.Max));
        var max = Math.Max(min, Math.Max(range.Min, range.Max));
        return Scaled(min + (max - min) * random.NextDouble());
    }

    public TimeSpan Scaled(double simulatedSeconds) => TimeSpan.FromSeconds(Math.Max(0, simulatedSeconds * _scale));
}
