using Bos.Contracts.Resources;

namespace Bos.Core.Components;

/// <summary>
/// What a component is being driven to: its session and its desired boot artifacts and configuration. A power action
/// or a configuration is decided for one target; if a newer session's setup, an applied staged state or an admin's
/// desired-state change retargets the record while it is out, its writes (the power-on's outcome before PCS, an outcome after the call, the error
/// shown while a call is retried, a retry-limit failure, the configuration's error) belong to the old target and must
/// not land on the new one — upstream writes them anyway, which hands the node back to the older session (D-25 in
/// docs/compatibility.md).
/// </summary>
public static class ComponentTargetRule
{
    /// <summary>True when <paramref name="current"/> still aims at the target <paramref name="decidedOn"/> had.</summary>
    public static bool Unchanged(Component decidedOn, Component current) =>
        Same(decidedOn.Session, current.Session)
        && Same(decidedOn.DesiredState?.Configuration, current.DesiredState?.Configuration)
        && Same(decidedOn.DesiredState?.BootArtifacts, current.DesiredState?.BootArtifacts);

    // The artifacts' timestamp is not part of the target.
    private static bool Same(BootArtifacts? a, BootArtifacts? b) =>
        Same(a?.Kernel, b?.Kernel) && Same(a?.KernelParameters, b?.KernelParameters) && Same(a?.Initrd, b?.Initrd);

    // Absent and empty are the same target (upstream's EMPTY_DESIRED_STATE).
    private static bool Same(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.Ordinal);
}
