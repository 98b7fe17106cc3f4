namespace Bos.Simulator.Services.Cfs;

/// <summary>One applied configuration layer, as CFS v3 records it in a component's state.</summary>
public sealed record CfsLayer(string CloneUrl, string Playbook, string Commit, string Status, string SessionName, DateTimeOffset LastUpdated);

/// <summary>A CFS v3 component. Guarded by the cluster lock.</summary>
public sealed class CfsComponent(string id)
{
    public string Id { get; } = id;

    public string DesiredConfig { get; set; } = "";

    public bool Enabled { get; set; } = true;

    public List<CfsLayer> State { get; set; } = [];

    public int ErrorCount { get; set; }

    public int RetryPolicy { get; set; } = 3;

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>The configuration <see cref="State"/> is the result of; null when the state is empty.</summary>
    public string? AppliedConfig { get; set; }

    /// <summary>A configuration session is running for the component (ends configured or failed).</summary>
    public bool Configuring { get; set; }

    /// <summary>Bumped to drop a running configuration's timer (disabled, state cleared, node powered off).</summary>
    public int Generation { get; set; }

    /// <summary>CFS's derived status: what BOS's status operator reads.</summary>
    public string ConfigurationStatus =>
        DesiredConfig.Length == 0 ? "unconfigured"
        : ErrorCount >= RetryPolicy && RetryPolicy >= 0 ? "failed"
        : AppliedConfig == DesiredConfig ? "configured"
        : "pending";
}
