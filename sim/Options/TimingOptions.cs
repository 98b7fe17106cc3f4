namespace Bos.Simulator.Options;

/// <summary>How long simulated things take, each drawn uniformly from [Min, Max] seconds, then scaled by TimeScale.</summary>
public sealed class TimingOptions
{
    /// <summary>From PCS On to the node reporting power on.</summary>
    public DurationRange PowerOn { get; set; } = new(2, 5);

    /// <summary>From power on to the OS up and its reporters running.</summary>
    public DurationRange Boot { get; set; } = new(30, 60);

    /// <summary>From PCS Soft-Off to power off (an OS shutdown).</summary>
    public DurationRange GracefulOff { get; set; } = new(5, 15);

    /// <summary>From PCS Force-Off to power off.</summary>
    public DurationRange ForceOff { get; set; } = new(0.5, 2);

    /// <summary>From a CFS component becoming pending on an up node to configured (or failed).</summary>
    public DurationRange CfsConfigure { get; set; } = new(20, 40);
}

public sealed class DurationRange
{
    public DurationRange()
    {
    }

    public DurationRange(double min, double max)
    {
        Min = min;
        Max = max;
    }

    public double Min { get; set; }

    public double Max { get; set; }
}
