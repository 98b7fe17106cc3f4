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
    /// PATCH semantics for many components: each patch (keyed by its id; the last of an id) is merged into the stored
    /// record; absent components are skipped.
    /// </summary>
    public async Task<IReadOnlyList<Component>> PatchAsync(IReadOnlyList<Component> patches)
    {
        var prepared = (await WithAutoFields(patches)).GroupBy(p => p.Id!).ToDictionary(g => g.Key, g => g.Last());
        return await repository.UpdateManyAsync(prepared.Keys.ToList(), (id, record) => record is null ? null : ComponentMerge.Apply(record, prepared[id]));
    }

    /// <summary>
    /// PATCH semantics for patches of distinct components, each with its own guard: a guard that throws refuses its own
    /// patch and no other. Returns per id the record written or the guard's exception (an absent component has neither).
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, Component> Written, IReadOnlyDictionary<string, Exception> Refused)> PatchEachGuardedAsync(
        IReadOnlyList<(Component Patch, Action<Component, Component>? Guard)> patches)
    {
        var prepared = await WithAutoFields(patches.Select(p => p.Patch).ToList());
        var byId = prepared.Select((patch, i) => (patch, patches[i].Guard)).ToDictionary(p => p.patch.Id!, StringComparer.Ordinal);
        var refused = new Dictionary<string, Exception>(StringComparer.Ordinal);
        var written = await repository.UpdateManyAsync(byId.Keys.ToList(), (id, record) =>
        {
            // Decided again on every attempt of the write: a record that changed meanwhile may now pass or fail.
            refused.Remove(id);
            if (record is null) return null;
            var (patch, guard) = byId[id];
            try
            {
                guard?.Invoke(record, patch);
            }
            catch (Exception e)
            {
                refused[id] = e;
                return null;
            }
            return ComponentMerge.Apply(record, patch);
        });
        // A record deleted after a refusal is not decided again (absent records are skipped): it is absent, not refused.
        if (refused.Count > 0)
        {
            var ids = refused.Keys.ToList();
            var records = await repository.GetManyAsync(ids);
            for (var i = 0; i < ids.Count; i++)
                if (records[i] is null) refused.Remove(ids[i]);
        }
        return (written.ToDictionary(r => r.Id!, StringComparer.Ordinal), refused);
    }

    /// <summary>
    /// An operator's patches after acting on <paramref name="decidedOn"/>: each lands only while its record still aims at
    /// the target the action was decided for (<see cref="ComponentTargetRule"/>): a session set up meanwhile owns the
    /// record. Returns the records written.
    /// </summary>
    public Task<IReadOnlyList<Component>> PatchSameTargetAsync(IReadOnlyList<Component> decidedOn, IEnumerable<Component> patches)
    {
        var decided = decidedOn.ToDictionary(c => c.Id!, StringComparer.Ordinal);
        var patchOf = patches.ToDictionary(p => p.Id!, StringComparer.Ordinal);
        return PatchEachAsync(patchOf.Keys.ToList(), record =>
            ComponentTargetRule.Unchanged(decided[record.Id!], record) ? patchOf[record.Id!] : null);
    }

    /// <summary>
    /// PATCH semantics where each patch is decided against the record as stored at write time: <paramref name="patchFor"/>
    /// returns the patch for a record, or null to leave it (it runs again if the record changed meanwhile, so a
    /// decision is never based on a stale read). Absent components are skipped. For operator patches: they carry no
    /// reported BSS token to resolve.
    /// </summary>
    public Task<IReadOnlyList<Component>> PatchEachAsync(IReadOnlyList<string> ids, Func<Component, Component?> patchFor) =>
        repository.UpdateManyAsync(ids, (id, record) =>
        {
            if (record is null || patchFor(record) is not { } patch) return null;
            if (!string.IsNullOrEmpty(patch.ActualState?.BssToken))
                throw new ArgumentException("PatchEachAsync cannot resolve a reported BSS token; use PatchAsync", nameof(patchFor));
            return ComponentMerge.Apply(record, ComponentAutoFields.Apply(patch with { Id = id }, _ => null, Timestamps.Format(clock.GetUtcNow())));
        });
}
