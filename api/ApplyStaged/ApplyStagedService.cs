using Bos.Api.Http;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Sessions;
using Bos.Core.Tenancy;
using Bos.Core.Time;

namespace Bos.Api.ApplyStaged;

public sealed record ApplyStagedResult(IReadOnlyList<string> Succeeded, IReadOnlyList<string> Failed, IReadOnlyList<string> Ignored);

/// <summary>
/// The components an applystaged call would touch: those with a staged session (their records and sessions as read),
/// and the ids it ignores (not the tenant's, or nothing staged).
/// </summary>
public sealed record StagedSelection(
    IReadOnlyDictionary<string, Component> Staged, IReadOnlyDictionary<string, Session?> Sessions, IReadOnlyList<string> Ignored);

/// <summary>POST /v2/applystaged (OP-80, API-48): turns each component's staged state into its desired state.</summary>
public sealed class ApplyStagedService(ComponentRepository components, SessionRepository sessions, ITenantDirectory tenants,
    IBosOptionsSource options, TimeProvider clock)
{
    public async Task<ApplyStagedResult> ApplyAsync(string? tenant, IReadOnlyList<string> xnames, CancellationToken ct)
    {
        var clearStage = options.Current.ClearStage;
        var selection = await SelectAsync(tenant, xnames, ct);
        var now = Timestamps.Format(clock.GetUtcNow());
        var succeeded = new HashSet<string>();
        var failed = new HashSet<string>();
        await components.UpdateManyAsync(selection.Staged.Keys.ToList(), (id, record) =>
        {
            if (record?.StagedState?.Session is not { Length: > 0 } name) return null; // unstaged meanwhile
            var (applied, error) = StagedStateRule.Apply(record, selection.Sessions.GetValueOrDefault(name), name, tenant);
            (error is null ? succeeded : failed).Add(id);
            applied = applied with
            {
                Session = name,
                LastAction = (record.LastAction ?? new LastAction()) with { Action = Actions.ApplyStaged },
                StagedState = clearStage ? StagedState.Empty : record.StagedState,
            };
            return ComponentAutoFields.Apply(applied, _ => null, now);
        });
        var ignored = selection.Ignored.Concat(selection.Staged.Keys.Where(k => !succeeded.Contains(k) && !failed.Contains(k))).ToList();
        return new ApplyStagedResult(Order(succeeded), Order(failed), ignored);
    }

    /// <summary>Reads what <see cref="ApplyAsync"/> acts on; writes nothing (the dry run stops here).</summary>
    public async Task<StagedSelection> SelectAsync(string? tenant, IReadOnlyList<string> xnames, CancellationToken ct)
    {
        IReadOnlySet<string>? owned = null;
        if (tenant is not null)
            owned = await tenants.GetComponentIdsAsync(tenant, ct)
                    ?? throw ProblemException.BadRequest($"Error parsing the data provided: Data not found for tenant {tenant}");

        var ignored = new List<string>();
        var candidates = new List<string>();
        foreach (var id in xnames.Distinct())
            (owned?.Contains(id) == false ? ignored : candidates).Add(id);

        var records = await components.GetManyAsync(candidates);
        var staged = new Dictionary<string, Component>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (records[i] is { StagedState.Session.Length: > 0 } record) staged[candidates[i]] = record;
            else ignored.Add(candidates[i]);
        }
        var stagedSessions = new Dictionary<string, Session?>();
        foreach (var name in staged.Values.Select(r => r.StagedState!.Session!).Distinct())
            stagedSessions[name] = await sessions.GetAsync(name, tenant);
        return new StagedSelection(staged, stagedSessions, ignored);
    }

    private static List<string> Order(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();
}
