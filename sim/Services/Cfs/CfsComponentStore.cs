using System.Text.Json.Nodes;
using Bos.Simulator.Cluster;

namespace Bos.Simulator.Services.Cfs;

/// <summary>Filters of GET /v3/components and of a PATCH's "filters" object.</summary>
public sealed record CfsFilter(IReadOnlySet<string>? Ids, string? Status, bool? Enabled, string? ConfigName);

/// <summary>
/// Every node's CFS v3 component (created at start, like CFS discovery would) and the changes clients make.
/// </summary>
public sealed class CfsComponentStore
{
    private readonly VirtualCluster _cluster;
    private readonly CfsBatcher _batcher;
    private readonly SortedDictionary<string, CfsComponent> _components = new(StringComparer.Ordinal);

    public CfsComponentStore(VirtualCluster cluster, CfsBatcher batcher)
    {
        _cluster = cluster;
        _batcher = batcher;
        foreach (var node in cluster.Nodes) _components[node.Xname] = new CfsComponent(node.Xname);
    }

    /// <summary>Components matching the filter, in id order, starting after <paramref name="after"/>.</summary>
    public List<CfsComponent> Query(CfsFilter filter, string? after = null)
    {
        lock (_cluster.Gate)
        {
            IEnumerable<CfsComponent> all = filter.Ids is { } ids
                ? ids.Select(id => _components.GetValueOrDefault(id)).OfType<CfsComponent>().OrderBy(c => c.Id, StringComparer.Ordinal)
                : _components.Values;
            return all.Where(c => after is null || string.CompareOrdinal(c.Id, after) > 0)
                .Where(c => filter.Status is null || c.ConfigurationStatus == filter.Status)
                .Where(c => filter.Enabled is null || c.Enabled == filter.Enabled)
                .Where(c => filter.ConfigName is null || c.DesiredConfig == filter.ConfigName)
                .ToList();
        }
    }

    public CfsComponent? Get(string id)
    {
        lock (_cluster.Gate) return _components.GetValueOrDefault(id);
    }

    /// <summary>
    /// Applies a v3 component patch (desired_config, enabled, state, tags, retry_policy, error_count) to each
    /// component; returns an error message for a malformed patch, before anything changed.
    /// </summary>
    public string? Patch(IReadOnlyList<CfsComponent> targets, JsonObject patch)
    {
        var change = CfsPatch.Parse(patch, out var error);
        if (change is null) return error;
        lock (_cluster.Gate)
        {
            foreach (var component in targets) Apply(component, change);
        }
        return null;
    }

    /// <summary>What cfs-state-reporter does when a node boots: PATCH {"state": [], "enabled": true}.</summary>
    public void NodeBooted(string xname)
    {
        lock (_cluster.Gate)
        {
            if (_components.TryGetValue(xname, out var component))
                Apply(component, new CfsPatch { ClearState = true, Enabled = true });
        }
    }

    public void NodePoweredOff(string xname)
    {
        lock (_cluster.Gate)
        {
            if (_components.TryGetValue(xname, out var component) && component.Configuring) _batcher.Cancel(component);
        }
    }

    private void Apply(CfsComponent component, CfsPatch change)
    {
        var restart = false;
        if (change.DesiredConfig is { } config && config != component.DesiredConfig)
        {
            component.DesiredConfig = config;
            component.ErrorCount = 0;
            restart = true;
        }
        if (change.ClearState || change.State is not null)
        {
            component.State = change.State ?? [];
            component.AppliedConfig = component.State.Count > 0 ? component.DesiredConfig : null;
            component.ErrorCount = 0;
            restart = true;
        }
        if (change.Enabled is { } enabled)
        {
            restart |= component.Enabled && !enabled;
            component.Enabled = enabled;
        }
        if (change.RetryPolicy is { } retryPolicy) component.RetryPolicy = retryPolicy;
        if (change.ErrorCount is { } errorCount) component.ErrorCount = errorCount;
        foreach (var (key, value) in change.Tags)
        {
            if (value is null) component.Tags.Remove(key);
            else component.Tags[key] = value;
        }
        if (restart && component.Configuring) _batcher.Cancel(component);
        _batcher.Reconcile(component);
    }
}
