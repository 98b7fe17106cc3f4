using Bos.Contracts.Resources;

namespace Bos.Core.Templates;

/// <summary>
/// PATCH merge of a template (DM-62): top-level cfs merged key by key; boot sets merged by name (an existing boot
/// set gets its cfs merged and its other given keys replaced; a new name is added); other given keys replaced.
/// Boot sets cannot be removed.
/// </summary>
public static class TemplateMerge
{
    public static SessionTemplate Apply(SessionTemplate record, SessionTemplate patch) => record with
    {
        Description = patch.Description ?? record.Description,
        EnableCfs = patch.EnableCfs ?? record.EnableCfs,
        Cfs = MergeCfs(record.Cfs, patch.Cfs),
        BootSets = MergeBootSets(record.BootSets, patch.BootSets),
    };

    private static IReadOnlyDictionary<string, BootSet>? MergeBootSets(
        IReadOnlyDictionary<string, BootSet>? record, IReadOnlyDictionary<string, BootSet>? patch)
    {
        if (patch is null) return record;
        if (record is null) return patch;
        var merged = record.ToDictionary(b => b.Key, b => b.Value);
        foreach (var (name, bootSet) in patch)
            merged[name] = merged.TryGetValue(name, out var existing) ? MergeBootSet(existing, bootSet) : bootSet;
        return merged;
    }

    private static BootSet MergeBootSet(BootSet record, BootSet patch) => new()
    {
        Name = patch.Name ?? record.Name,
        Path = patch.Path ?? record.Path,
        Type = patch.Type ?? record.Type,
        Etag = patch.Etag ?? record.Etag,
        KernelParameters = patch.KernelParameters ?? record.KernelParameters,
        NodeList = patch.NodeList ?? record.NodeList,
        NodeRolesGroups = patch.NodeRolesGroups ?? record.NodeRolesGroups,
        NodeGroups = patch.NodeGroups ?? record.NodeGroups,
        Arch = patch.Arch ?? record.Arch,
        RootfsProvider = patch.RootfsProvider ?? record.RootfsProvider,
        RootfsProviderPassthrough = patch.RootfsProviderPassthrough ?? record.RootfsProviderPassthrough,
        Cfs = MergeCfs(record.Cfs, patch.Cfs),
    };

    // V2CfsParameters has one key, so a key-by-key merge is "the patch's configuration when it gives one".
    private static Cfs? MergeCfs(Cfs? record, Cfs? patch) =>
        patch is null ? record : record is null ? patch : new Cfs { Configuration = patch.Configuration ?? record.Configuration };
}
