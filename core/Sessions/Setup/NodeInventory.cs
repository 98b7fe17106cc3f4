using Bos.Core.Clients;

namespace Bos.Core.Sessions.Setup;

/// <summary>
/// HSM's named node sets as session setup sees them (upstream's Inventory): groups by label, partitions by name and
/// roles from the component list, where a component counts for its Role and for "Role_SubRole" (§3.6 step 4).
/// </summary>
public sealed class NodeInventory
{
    public NodeInventory(IReadOnlyDictionary<string, IReadOnlySet<string>> groups,
        IReadOnlyDictionary<string, IReadOnlySet<string>> partitions,
        IReadOnlyDictionary<string, IReadOnlySet<string>> roles)
    {
        Groups = groups;
        Partitions = partitions;
        Roles = roles;
    }

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Groups { get; }

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Partitions { get; }

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Roles { get; }

    /// <summary>Builds the inventory from HSM's answers (GET /groups, /partitions, /State/Components).</summary>
    public static NodeInventory From(IEnumerable<HsmGroup> groups, IEnumerable<HsmPartition> partitions, IEnumerable<HsmComponent> components)
    {
        var roles = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string name, string id)
        {
            if (!roles.TryGetValue(name, out var members)) roles[name] = members = new HashSet<string>(StringComparer.Ordinal);
            members.Add(id);
        }
        foreach (var component in components)
        {
            if (!string.IsNullOrEmpty(component.Role)) Add(component.Role, component.Id);
            if (!string.IsNullOrEmpty(component.SubRole)) Add((component.Role ?? "") + "_" + component.SubRole, component.Id);
        }
        return new NodeInventory(
            Merge(groups.Select(g => (g.Label, g.Members.Ids))),
            Merge(partitions.Select(p => (p.Name, p.Members.Ids))),
            roles.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// A name as a limit item sees it: groups, then partitions, then roles, a later source winning on a name clash
    /// (upstream's merged inventory). Null when the name is none of them (the item is then a component id).
    /// </summary>
    public IReadOnlySet<string>? Lookup(string name) =>
        Roles.GetValueOrDefault(name) ?? Partitions.GetValueOrDefault(name) ?? Groups.GetValueOrDefault(name);

    private static Dictionary<string, IReadOnlySet<string>> Merge(IEnumerable<(string Name, IReadOnlyList<string> Ids)> sets)
    {
        var merged = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (name, ids) in sets)
        {
            var members = new HashSet<string>(ids ?? [], StringComparer.Ordinal);
            // A label listed twice: both lists count.
            if (merged.TryGetValue(name, out var earlier)) members.UnionWith(earlier);
            merged[name] = members;
        }
        return merged;
    }
}
