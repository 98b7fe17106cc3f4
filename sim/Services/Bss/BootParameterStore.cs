using Bos.Simulator.Cluster;

namespace Bos.Simulator.Services.Bss;

/// <summary>One host's boot parameters and the referral token of the PUT that last set them.</summary>
public sealed record HostBootParameters(string Host, string Params, string Kernel, string Initrd, string Token, DateTimeOffset UpdatedAt);

/// <summary>
/// BSS's boot parameters by host. Each PUT gets a fresh token, remembered per host, because a node that boots
/// reports the token of the PUT that covered it (bss_referral_token on its kernel command line).
/// </summary>
public sealed class BootParameterStore(VirtualCluster cluster, SimRandom random, SimClock clock)
{
    private readonly Dictionary<string, HostBootParameters> _byHost = new(StringComparer.Ordinal);

    public string Put(IReadOnlyCollection<string> hosts, string parameters, string kernel, string initrd)
    {
        lock (cluster.Gate)
        {
            var token = random.NextGuid().ToString();
            var now = clock.Now;
            foreach (var host in hosts)
                _byHost[host] = new HostBootParameters(host, parameters, kernel, initrd, token, now);
            return token;
        }
    }

    public HostBootParameters? Get(string host)
    {
        lock (cluster.Gate) return _byHost.GetValueOrDefault(host);
    }

    public IReadOnlyList<HostBootParameters> All()
    {
        lock (cluster.Gate) return _byHost.Values.OrderBy(p => p.Host, StringComparer.Ordinal).ToList();
    }
}
