using Bos.Api.Http;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Sessions;
using Bos.Core.Tenancy;
using Bos.Core.Time;

namespace Bos.Api.ApplyStaged;

public sealed record ApplyStagedResult(IReadOnlyList<string> Succeeded, IReadOnlyList<string> Failed, IReadOnlyList<string> Ignored);

/// <summary>POST /v2/applystaged (OP-80, API-48): turns each component's staged state into its desired state.</summary>
public sealed class ApplyStagedService(ComponentRepository components, SessionRepository sessions, ITenantDirectory tenants,
    IBosOptionsSource options, TimeProvider clock)
{
    public async Task<ApplyStagedResult> ApplyAsync(string? tenant, IReadOnlyList<string> xnames, CancellationToken ct)
    {
        var clearStage = options.Current.ClearStage;
        IReadOnlySet<string>? owned = null;
        if (tenant is not null)
            owned = await tenants.GetComponentIdsAsync(tenant, ct)
                    ?? throw ProblemException.BadRequest($"Error parsing the data provided: Data not found for tenant {tenant}");

        var ignored = new List<string>();
        var candidates = new List<string>();
        foreach (var id in xnames.Distinct())
            (owned?.Contains(id) == false ? ignored : candidates).Add(id);

        var records = await components.GetManyAsync(candidates);
        var staged = new Dictionary<string, string>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (records[i]?.StagedState?.Session is { Length: > 0 } session) staged[candidates[i]] = session;
            else ignored.Add(candidates[i]);
        }
        var stagedSessions = new Dictionary<string, Session?>();
        foreach (var name in staged.Values.Distinct()) stagedSessions[name] = await sessions.GetAsync(name, tenant);

        var now = Timestamps.Format(clock.GetUtcNow());
        var succeeded = new HashSet<string>();
        var failed = new HashSet<string>();
        await components.UpdateManyAsync(staged.Keys.ToList(), (id, record) =>
        {
            if (record?.StagedState?.Session is not { Length: > 0 } name) return null; // unstaged meanwhile
            var (applied, error) = Apply(record, stagedSessions.GetValueOrDefault(name), name, tenant);
            (error is null ? succeeded : failed).Add(id);
            applied = applied with
            {
                Session = name,
                LastAction = (record.LastAction ?? new LastAction()) with { Action = Actions.ApplyStaged },
                StagedState = clearStage ? StagedState.Empty : record.StagedState,
            };
            return ComponentAutoFields.Apply(applied, _ => null, now);
        });
        return new ApplyStagedResult(Order(succeeded), Order(failed), ignored.Concat(staged.Keys.Where(k => !succeeded.Contains(k) && !failed.Contains(k))).ToList());
    }

    private static (Component Record, string? Error) Apply(Component record, Session? session, string name, string? tenant)
    {
        if (session is null)
            return Fail(record, $"Staged session no longer exists (session: {name}, tenant: {tenant})");
        var artifacts = record.StagedState!.BootArtifacts ?? BootArtifacts.Empty;
        var values = new[] { artifacts.Kernel, artifacts.KernelParameters, artifacts.Initrd };
        switch (session.Operation)
        {
            case SessionOperations.Shutdown when values.Any(v => !string.IsNullOrEmpty(v)):
                return Fail(record, "Staged shutdown session has non-empty boot artifacts");
            case SessionOperations.Boot or SessionOperations.Reboot when values.Any(string.IsNullOrEmpty):
                return Fail(record, $"Staged {session.Operation} session is missing boot artifacts (kernel, kernel_parameters and initrd are required)");
            case SessionOperations.Shutdown or SessionOperations.Boot or SessionOperations.Reboot:
                var desired = new DesiredState { BootArtifacts = artifacts with { Timestamp = null }, Configuration = record.StagedState.Configuration ?? "" };
                var applied = record with { DesiredState = desired, Enabled = true, Error = "" };
                return (session.Operation == SessionOperations.Reboot ? applied with { ActualState = ActualState.Empty } : applied, null);
            default:
                return Fail(record, $"Unsupported staged session operation: {session.Operation}");
        }
    }

    private static (Component, string) Fail(Component record, string error) => (record with { Error = error, Enabled = false }, error);

    private static List<string> Order(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();
}
