using Bos.Contracts.Resources;

namespace Bos.Core.Components;

/// <summary>
/// PATCH merge of a component record (DM-42): state dicts merge boot_artifacts key by key and replace their other
/// keys; last_action, event_stats and status merge key by key; every other field is replaced; id is ignored.
/// </summary>
public static class ComponentMerge
{
    public static Component Apply(Component record, Component patch) => record with
    {
        ActualState = Merge(record.ActualState, patch.ActualState, (r, p) => new ActualState
        {
            BootArtifacts = Merge(r.BootArtifacts, p.BootArtifacts, MergeArtifacts),
            BssToken = p.BssToken ?? r.BssToken,
            LastUpdated = p.LastUpdated ?? r.LastUpdated,
        }),
        DesiredState = Merge(record.DesiredState, patch.DesiredState, (r, p) => new DesiredState
        {
            BootArtifacts = Merge(r.BootArtifacts, p.BootArtifacts, MergeArtifacts),
            Configuration = p.Configuration ?? r.Configuration,
            BssToken = p.BssToken ?? r.BssToken,
            LastUpdated = p.LastUpdated ?? r.LastUpdated,
        }),
        StagedState = Merge(record.StagedState, patch.StagedState, (r, p) => new StagedState
        {
            BootArtifacts = Merge(r.BootArtifacts, p.BootArtifacts, MergeArtifacts),
            Configuration = p.Configuration ?? r.Configuration,
            Session = p.Session ?? r.Session,
            LastUpdated = p.LastUpdated ?? r.LastUpdated,
        }),
        LastAction = Merge(record.LastAction, patch.LastAction, (r, p) => new LastAction
        {
            Action = p.Action ?? r.Action,
            Failed = p.Failed ?? r.Failed,
            LastUpdated = p.LastUpdated ?? r.LastUpdated,
        }),
        EventStats = Merge(record.EventStats, patch.EventStats, (r, p) => new EventStats
        {
            PowerOnAttempts = p.PowerOnAttempts ?? r.PowerOnAttempts,
            PowerOffGracefulAttempts = p.PowerOffGracefulAttempts ?? r.PowerOffGracefulAttempts,
            PowerOffForcefulAttempts = p.PowerOffForcefulAttempts ?? r.PowerOffForcefulAttempts,
        }),
        Status = Merge(record.Status, patch.Status, (r, p) => new ComponentStatus
        {
            Phase = p.Phase ?? r.Phase,
            Status = p.Status ?? r.Status,
            StatusOverride = p.StatusOverride ?? r.StatusOverride,
        }),
        Enabled = patch.Enabled ?? record.Enabled,
        Error = patch.Error ?? record.Error,
        Session = patch.Session ?? record.Session,
        RetryPolicy = patch.RetryPolicy ?? record.RetryPolicy,
    };

    private static BootArtifacts MergeArtifacts(BootArtifacts r, BootArtifacts p) => new()
    {
        Kernel = p.Kernel ?? r.Kernel,
        KernelParameters = p.KernelParameters ?? r.KernelParameters,
        Initrd = p.Initrd ?? r.Initrd,
        Timestamp = p.Timestamp ?? r.Timestamp,
    };

    private static T? Merge<T>(T? record, T? patch, Func<T, T, T> merge) where T : class =>
        patch is null ? record : record is null ? patch : merge(record, patch);
}
