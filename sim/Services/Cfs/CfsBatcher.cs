using Bos.Simulator.Cluster;
using Bos.Simulator.Faults;
using Bos.Simulator.Options;
using Microsoft.Extensions.Options;

namespace Bos.Simulator.Services.Cfs;

/// <summary>
/// CFS's batcher in miniature: an enabled, pending component whose node is up gets "configured" after the configure
/// time, or "failed" (error_count raised to the retry policy) when the CfsFails fault strikes. Called under the lock.
/// </summary>
public sealed class CfsBatcher(
    VirtualCluster cluster,
    SimScheduler scheduler,
    SimClock clock,
    SimRandom random,
    FaultInjector faults,
    IOptions<SimulatorOptions> options)
{
    public void Reconcile(CfsComponent component)
    {
        if (component.Configuring || !component.Enabled || component.ConfigurationStatus != "pending") return;
        if (cluster.Find(component.Id) is not { Phase: NodePhase.Up }) return;
        component.Configuring = true;
        var generation = ++component.Generation;
        var config = component.DesiredConfig;
        scheduler.After(clock.Draw(options.Value.Timing.CfsConfigure), () => Finish(component, generation, config));
    }

    /// <summary>Drops a running configuration (the node went down or CFS was told to stop).</summary>
    public void Cancel(CfsComponent component)
    {
        component.Configuring = false;
        component.Generation++;
    }

    private void Finish(CfsComponent component, int generation, string config)
    {
        lock (cluster.Gate)
        {
            if (component.Generation != generation || component.DesiredConfig != config) return;
            component.Configuring = false;
            var now = clock.Now;
            var session = $"batcher-{random.NextGuid()}";
            var node = cluster.Find(component.Id);
            if (faults.Strikes(NodeFault.CfsFails, component.Id))
            {
                component.ErrorCount = Math.Max(component.RetryPolicy, component.ErrorCount + 1);
                node?.Record(now, "CFS configuration failed", $"{config} (injected fault)");
                return;
            }
            component.State = [new CfsLayer(options.Value.Cfs.CloneUrl, "site.yml", Commit(config), "applied", session, now)];
            component.AppliedConfig = config;
            component.ErrorCount = 0;
            node?.Record(now, "CFS configured", config);
        }
    }

    /// <summary>A stable fake commit id per configuration name.</summary>
    private static string Commit(string config) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(config)));
}
