using Bos.Contracts.Resources;
using Bos.Core.Time;

namespace Bos.Core.Components;

/// <summary>
/// Writes component data the way upstream's API does for every caller, operators included: auto-fields (DM-41)
/// on the incoming data, then a merge (DM-42) or a full replace, atomically with the change events.
/// </summary>
public sealed class ComponentWriter(ComponentRepository repository, BssTokenStore tokens, TimeProvider clock)
{
    /// <summary>Applies the auto-fields to incoming component data (a patch or a full record).</summary>
    public async Task<IReadOnlyList<Component>> WithAutoFields(IReadOnlyList<Component> data)
    {
        var known = await tokens.LookupAsync(data.Select(c => c.ActualState?.BssToken ?? ""));
        var now = Timestamps.Format(clock.GetUtcNow());
        return data.Select(c => ComponentAutoFields.Apply(c, t => known.GetValueOrDefault(t), now)).ToList();
    }

    /// <summary>PUT semantics: each record replaces the stored one whole (created when absent).</summary>
    public async Task<IReadOnlyList<Component>> PutAsync(IReadOnlyList<Component> records) =>
        await repository.PutManyAsync(await WithAutoFields(records));

    /// <summary>
    /// PATCH semantics for many components: each patch (keyed by its id) is merged into the stored record; absent
    /// components are skipped. <paramref name="guard"/> may throw to refuse a patch given the current record.
    /// </summary>
    public async Task<IReadOnlyList<Component>> PatchAsync(IReadOnlyList<Component> patches, Action<Component, Component>? guard = null)
    {
        var prepared = (await WithAutoFields(patches)).GroupBy(p => p.Id!).ToDictionary(g => g.Key, g => g.Last());
        return await repository.UpdateManyAsync(prepared.Keys.ToList(), (id, record) =>
        {
            if (record is null) return null;
            guard?.Invoke(record, prepared[id]);
            return ComponentMerge.Apply(record, prepared[id]);
        });
    }
}
