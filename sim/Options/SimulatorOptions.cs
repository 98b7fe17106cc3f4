namespace Bos.Simulator.Options;

/// <summary>
/// Everything that shapes the virtual cluster, bound from the "Simulator" configuration section
/// (simulator.settings.json, then environment variables such as <c>Simulator__Topology__NodeCount=10000</c>).
/// </summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>Seed of the one random source (durations, failure draws, tokens): same seed and requests, same run.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Multiplies every simulated duration (power, boot, CFS, reporter period and back-off). 0.01 runs a 60 s boot
    /// in 0.6 s; tests use a small factor instead of waiting. Service hangs are not scaled: they exist to trip
    /// client timeouts, which are real.
    /// </summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>Power state of every node at start: "off" (default) or "on" (on, but booted from nothing BOS set).</summary>
    public string InitialPowerState { get; set; } = "off";

    public TopologyOptions Topology { get; set; } = new();

    public TimingOptions Timing { get; set; } = new();

    public FaultOptions Faults { get; set; } = new();

    public ReporterOptions Reporter { get; set; } = new();

    public PcsOptions Pcs { get; set; } = new();

    public CfsOptions Cfs { get; set; } = new();

    /// <summary>Boot images in IMS and S3; empty means the built-in demo images (see <see cref="ImageOptions.Demo"/>).</summary>
    public List<ImageOptions> Images { get; set; } = [];

    /// <summary>TAPMS tenants; null means the demo tenant. An empty list means no tenants.</summary>
    public List<TenantOptions>? Tenants { get; set; }
}

/// <summary>What a virtual node does when it has booted: the bos-reporter and cfs-state-reporter of a real node.</summary>
public sealed class ReporterOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Where BOS listens; nodes PATCH {BosApiUrl}/v2/components/{xname}.</summary>
    public string BosApiUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Reports in flight at once, whatever the node count (a few connections, not one per node).</summary>
    public int Concurrency { get; set; } = 16;

    public double RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>Used when the kernel parameters carry no bos_update_frequency (upstream's default TTL).</summary>
    public string DefaultUpdateFrequency { get; set; } = "4h";
}

public sealed class PcsOptions
{
    /// <summary>Path prefix of PCS; "" serves it at the root like the in-cluster http://cray-power-control.</summary>
    public string BasePath { get; set; } = "/power-control/v1";

    /// <summary>Real PCS fails on requests over roughly 2,500 nodes (CASMHMS-6241); larger requests get a 400.</summary>
    public int MaxXnamesPerRequest { get; set; } = 2500;
}

public sealed class CfsOptions
{
    /// <summary>Page size when a GET /v3/components carries no limit (CFS's default_page_size).</summary>
    public int DefaultPageSize { get; set; } = 1000;

    /// <summary>Name, in layer records, of the repository a configuration is applied from.</summary>
    public string CloneUrl { get; set; } = "https://vcs.sim.local/vcs/cray/config-management.git";
}
