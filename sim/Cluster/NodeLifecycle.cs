using Bos.Simulator.Faults;
using Bos.Simulator.Options;
using Bos.Simulator.Reporting;
using Bos.Simulator.Services.Bss;
using Bos.Simulator.Services.Cfs;
using Microsoft.Extensions.Options;

namespace Bos.Simulator.Cluster;

/// <summary>How a PCS task for one node starts: under way, nothing to do, or failed at once.</summary>
public enum PowerTaskStart
{
    Accepted,
    AlreadyDone,
    Failed,
}

/// <summary>
/// What virtual nodes do: power on after a delay, boot what BSS holds for them, then run their reporters; shut down
/// gracefully (or ignore it) or forcefully. All state changes happen under the cluster lock, all waiting on the
/// simulation's timer loop; a timer whose node has since changed phase (generation) does nothing.
/// </summary>
public sealed class NodeLifecycle(
    VirtualCluster cluster,
    BootParameterStore bss,
    CfsComponentStore cfs,
    SimScheduler scheduler,
    SimClock clock,
    SimRandom random,
    FaultInjector faults,
    NodeReporter reporter,
    IOptions<SimulatorOptions> options,
    ILogger<NodeLifecycle> logger)
{
    private SimulatorOptions Options => options.Value;

    public PowerTaskStart PowerOn(VirtualNode node)
    {
        lock (cluster.Gate)
        {
            var now = clock.Now;
            if (node.Phase != NodePhase.Off) return PowerTaskStart.AlreadyDone;
            if (faults.Strikes(NodeFault.PowerOnFails, node.Xname))
            {
                node.Record(now, "power-on failed", "injected fault: the node stays off");
                return PowerTaskStart.Failed;
            }
            var generation = node.EnterPhase(NodePhase.PoweringOn, now);
            node.Record(now, "On requested");
            scheduler.After(clock.Draw(Options.Timing.PowerOn), () => PoweredOn(node, generation));
            return PowerTaskStart.Accepted;
        }
    }

    public PowerTaskStart SoftOff(VirtualNode node) => PowerOff(node, forceful: false);

    public PowerTaskStart ForceOff(VirtualNode node) => PowerOff(node, forceful: true);

    private PowerTaskStart PowerOff(VirtualNode node, bool forceful)
    {
        var operation = forceful ? "Force-Off" : "Soft-Off";
        lock (cluster.Gate)
        {
            var now = clock.Now;
            switch (node.Phase)
            {
                case NodePhase.Off:
                    return PowerTaskStart.AlreadyDone;
                case NodePhase.PoweringOn:
                    // The BMC had not powered it on yet: the pending power-on is simply dropped.
                    node.EnterPhase(NodePhase.Off, now);
                    node.Record(now, $"{operation} requested", "pending power-on cancelled");
                    return PowerTaskStart.AlreadyDone;
                case NodePhase.ShuttingDown when !forceful:
                    return PowerTaskStart.Accepted;
            }
            if (!forceful && faults.Strikes(NodeFault.GracefulOffIgnored, node.Xname))
            {
                node.Record(now, "Soft-Off ignored", "injected fault: only Force-Off will turn it off");
                return PowerTaskStart.Accepted;
            }
            var generation = node.EnterPhase(NodePhase.ShuttingDown, now);
            node.Record(now, $"{operation} requested");
            var delay = clock.Draw(forceful ? Options.Timing.ForceOff : Options.Timing.GracefulOff);
            scheduler.After(delay, () => PoweredOff(node, generation, operation));
            return PowerTaskStart.Accepted;
        }
    }

    private void PoweredOn(VirtualNode node, int generation)
    {
        lock (cluster.Gate)
        {
            if (node.Generation != generation) return;
            var now = clock.Now;
            // A node reads its boot script from BSS when it powers on: that is what it boots.
            var boot = bss.Get(node.Xname);
            node.Booted = new BootRecord(boot?.Token, boot?.Kernel, boot?.Initrd, boot?.Params, now);
            var what = boot is null ? "no BSS boot parameters" : $"kernel {boot.Kernel}, token {boot.Token}";
            if (faults.Strikes(NodeFault.BootHangs, node.Xname))
            {
                node.EnterPhase(NodePhase.Hung, now);
                node.Record(now, "powered on", $"{what}; boot hangs (injected fault)");
                return;
            }
            var next = node.EnterPhase(NodePhase.Booting, now);
            node.Record(now, "powered on", what);
            scheduler.After(clock.Draw(Options.Timing.Boot), () => BootCompleted(node, next));
        }
    }

    private void BootCompleted(VirtualNode node, int generation)
    {
        lock (cluster.Gate)
        {
            if (node.Generation != generation) return;
            var now = clock.Now;
            var up = node.EnterPhase(NodePhase.Up, now);
            node.Record(now, "booted");
            cfs.NodeBooted(node.Xname);
            node.Reporter.Attempt = 0;
            if (!Options.Reporter.Enabled) return;
            if (node.Booted?.Token is null)
            {
                node.Record(now, "bos-reporter idle", "no bss_referral_token on the kernel command line");
                return;
            }
            Report(node, up);
        }
    }

    private void PoweredOff(VirtualNode node, int generation, string operation)
    {
        lock (cluster.Gate)
        {
            if (node.Generation != generation) return;
            var now = clock.Now;
            node.EnterPhase(NodePhase.Off, now);
            node.Booted = null;
            node.Record(now, "powered off", operation);
            cfs.NodePoweredOff(node.Xname);
        }
    }

    private void Report(VirtualNode node, int generation)
    {
        lock (cluster.Gate)
        {
            if (node.Generation != generation || node.Booted?.Token is not { } token) return;
            node.Reporter.LastAttemptAt = clock.Now;
            reporter.Enqueue(new ReportJob(node.Xname, token, outcome => Reported(node, generation, outcome)));
        }
    }

    /// <summary>REP-05/06: next report after 0.75 × bos_update_frequency (the first one jittered), or back off.</summary>
    private void Reported(VirtualNode node, int generation, ReportOutcome outcome)
    {
        lock (cluster.Gate)
        {
            if (node.Generation != generation) return;
            var now = clock.Now;
            var state = node.Reporter;
            state.LastStatus = outcome.Status;
            state.LastError = outcome.Error;
            TimeSpan delay;
            if (outcome.Success)
            {
                if (state.Successes == 0 || state.Attempt > 0) node.Record(now, "reported to BOS", $"bss_token {node.Booted?.Token}");
                state.Successes++;
                var period = UpdateFrequency.PeriodSeconds(node.Booted?.Params, Options.Reporter.DefaultUpdateFrequency);
                delay = clock.Scaled(state.Successes == 1 ? period * random.NextDouble() : period);
                state.Attempt = 0;
            }
            else
            {
                if (state.Attempt == 0)
                    node.Record(now, "report rejected", outcome.Status is { } s ? $"HTTP {s}; retrying" : $"{outcome.Error}; retrying");
                state.Failures++;
                state.Attempt++;
                delay = clock.Scaled(Math.Min(2 * state.Attempt, 30));
                logger.LogDebug("Report of {Xname} failed ({Status}); retry {Attempt} in {Delay}", node.Xname, outcome.Status, state.Attempt, delay);
            }
            scheduler.After(delay, () => Report(node, generation));
        }
    }
}
