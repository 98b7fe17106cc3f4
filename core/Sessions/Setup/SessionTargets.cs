using Bos.Contracts.Resources;
using Bos.Core.Clients;

namespace Bos.Core.Sessions.Setup;

/// <summary>What one boot set's nodes should run: boot artifacts and CFS configuration.</summary>
public sealed record BootSetTarget(BootArtifacts Artifacts, string Configuration)
{
    /// <summary>A shutdown: no artifacts (desired power off), no configuration.</summary>
    public static BootSetTarget Shutdown { get; } = new(BootArtifacts.Empty, "");
}

/// <summary>
/// The target state of a boot set and the component patches session setup writes (§3.6). Pure: the manifest and
/// the image's boot parameters come in as values.
/// </summary>
public static class SessionTargets
{
    /// <summary>
    /// The configuration nodes get: none when the template disables CFS (<c>enable_cfs</c> absent means true),
    /// else the boot set's own, else the template's, else none.
    /// </summary>
    public static string Configuration(SessionTemplate template, BootSet bootSet)
    {
        if (template.EnableCfs == false) return "";
        if (!string.IsNullOrEmpty(bootSet.Cfs?.Configuration)) return bootSet.Cfs.Configuration;
        return template.Cfs?.Configuration ?? "";
    }

    /// <summary>The one artifact of a type.</summary>
    /// <exception cref="SessionSetupException">None, or more than one (upstream's ArtifactNotFound / TooManyArtifacts).</exception>
    public static ManifestArtifact Required(ImageManifest manifest, string type) =>
        Optional(manifest, type) ?? throw SessionSetupException.Of("ArtifactNotFound", $"No artifact of type {type} could be found in the image manifest.");

    /// <summary>The one artifact of a type, or null.</summary>
    /// <exception cref="SessionSetupException">More than one.</exception>
    public static ManifestArtifact? Optional(ImageManifest manifest, string type)
    {
        var matches = manifest.Artifacts.Where(a => a.Type == type).Take(2).ToList();
        if (matches.Count > 1) throw SessionSetupException.Of("TooManyArtifacts", $"Multiple {type} artifacts found in the manifest.");
        return matches.FirstOrDefault();
    }

    /// <summary>The image's boot parameters object to read, if the manifest lists one with an etag (upstream ignores it without).</summary>
    public static ManifestArtifact? BootParameters(ImageManifest manifest) =>
        Optional(manifest, ImageManifest.BootParametersType) is { Link.Etag: not null } artifact ? artifact : null;

    /// <summary>The boot/reboot target of a boot set from its image manifest.</summary>
    public static BootSetTarget ForBoot(string bootSetName, BootSet bootSet, SessionTemplate template, ImageManifest manifest,
        IReadOnlyList<string> imageParameters, string actualStateTtl)
    {
        var kernel = Required(manifest, ImageManifest.KernelType).Link.Path;
        var initrd = Required(manifest, ImageManifest.InitrdType).Link.Path;
        var rootfs = Optional(manifest, ImageManifest.RootfsType);
        var parameters = KernelParameters.Assemble(imageParameters, bootSetName, bootSet, rootfs, actualStateTtl);
        return new BootSetTarget(new BootArtifacts { Kernel = kernel, KernelParameters = parameters, Initrd = initrd },
            Configuration(template, bootSet));
    }

    /// <summary>
    /// The patch for one component. Non-staged: desired state, session, enabled, last_action session_setup, and an
    /// emptied actual state for a reboot (so the node is rebooted even if it runs the target already). Staged:
    /// staged state with the session's name, also for a shutdown (Q-06 fixed: upstream left the name out, so a
    /// staged shutdown could never be applied). Both clear the error.
    /// </summary>
    public static Component Patch(string componentId, Session session, BootSetTarget target)
    {
        if (session.Stage == true)
        {
            return new Component
            {
                Id = componentId,
                Error = "",
                StagedState = new StagedState { BootArtifacts = target.Artifacts, Configuration = target.Configuration, Session = session.Name },
            };
        }
        var shutdown = session.Operation == SessionOperations.Shutdown;
        return new Component
        {
            Id = componentId,
            Error = "",
            // A shutdown also blanks the BSS token (upstream's EMPTY_DESIRED_STATE).
            DesiredState = shutdown
                ? DesiredState.Empty
                : new DesiredState { BootArtifacts = target.Artifacts, Configuration = target.Configuration },
            ActualState = session.Operation == SessionOperations.Reboot ? ActualState.Empty : null,
            Session = session.Name,
            Enabled = true,
            LastAction = new LastAction { Action = Actions.SessionSetup, Failed = false },
        };
    }
}
