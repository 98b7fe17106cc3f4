namespace Bos.Core.Health;

/// <summary>
/// Whether this process may take part in shared work it claims through Redis (leases, scheduled-message claims,
/// watch rounds). The API is always ready; a worker's readiness comes from its health monitor, and a worker that is
/// not ready claims nothing, so a healthy replica does the work instead.
/// </summary>
public interface IProcessReadiness
{
    bool IsReady { get; }
}

/// <summary>The readiness of a process without a monitor (the API, in-process tests).</summary>
public sealed class AlwaysReady : IProcessReadiness
{
    public bool IsReady => true;
}
