using Bos.Contracts.Resources;

namespace Bos.Core.Components;

/// <summary>
/// What applystaged (OP-80, API-48) makes of one component's staged state: the record with the staged state as its
/// desired state, or the record disabled with the error. Shared by POST /v2/applystaged and its dry run.
/// </summary>
public static class StagedStateRule
{
    /// <param name="record">The component, with a staged state naming <paramref name="name"/>.</param>
    /// <param name="session">The staged session, or null when it no longer exists.</param>
    /// <param name="name">The staged session's name.</param>
    /// <param name="tenant">The request's tenant (named in the error).</param>
    public static (Component Record, string? Error) Apply(Component record, Session? session, string name, string? tenant)
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
}
