using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Options;
using Bos.Core.Tenancy;
using Microsoft.Extensions.Logging;

namespace Bos.Core.Sessions.Setup;

/// <summary>
/// Gathers what session setup needs from HSM, TAPMS and S3 and applies the pure rules (<see cref="BootSetNodes"/>,
/// <see cref="SessionTargets"/>): which nodes each boot set acts on and what they should run (§3.6). Writes nothing:
/// the setup operator writes its plan, the API's dry run only shows it.
/// </summary>
public sealed class SessionSetupPlanner(IHsmClient hsm, IS3Client s3, ITenantDirectory tenants, ILogger<SessionSetupPlanner> logger)
{
    /// <param name="session">The session to set up.</param>
    /// <param name="template">Its template.</param>
    /// <param name="options">The options in force.</param>
    /// <param name="warnings">Receives the warnings met on the way (unknown groups or roles), also when planning then fails.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="SessionSetupException">The session cannot be set up (its error text is the exception's message).</exception>
    public async Task<SetupPlan> PlanAsync(Session session, SessionTemplate template, BosOptions options,
        ICollection<string>? warnings = null, CancellationToken ct = default)
    {
        if (!LimitExpression.TryParse(session.Limit, out var limit, out var limitError))
            throw new SessionSetupException(limitError!);
        var tenantNodes = session.Tenant is null
            ? null
            : await tenants.GetComponentIdsAsync(session.Tenant, ct) ?? throw SessionSetupException.Of("InvalidTenantException", $"Tenant {session.Tenant} does not exist");

        var bootSets = (template.BootSets ?? new Dictionary<string, BootSet>()).ToList();
        var inventory = await InventoryAsync(bootSets.Select(b => b.Value).ToList(), limit, ct);
        var scope = new SessionNodeScope(limit, await hsm.GetLockedNodesAsync(ct), tenantNodes);

        var found = new List<string>();
        var candidates = bootSets.Select(b => BootSetNodes.Candidates(b.Value, inventory, scope, found)).ToList();
        foreach (var warning in found)
        {
            logger.LogWarning("{Warning}", warning);
            warnings?.Add(warning);
        }
        var all = candidates.SelectMany(c => c).ToHashSet(StringComparer.Ordinal);
        if (all.Count == 0) throw new SessionSetupException(SessionSetupException.NoNodes);

        var view = await HsmViewAsync(all, session.IncludeDisabled == true, ct);
        // Each node's boot set: the last that names it, its place the first's.
        var bootSetOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var targets = new List<(string Name, Component Patch)>();
        var overlapping = new SortedSet<string>(StringComparer.Ordinal);
        var images = new Dictionary<string, (ImageManifest, IReadOnlyList<string>)>(StringComparer.Ordinal);
        for (var i = 0; i < bootSets.Count; i++)
        {
            var (name, bootSet) = bootSets[i];
            var nodes = BootSetNodes.ApplyHsm(candidates[i], bootSet.Arch, view);
            logger.LogInformation("Boot set {BootSet}: {Candidates} candidate nodes, {Nodes} to act upon", name, candidates[i].Count, nodes.Count);
            if (nodes.Count == 0) continue;
            var target = session.Operation switch
            {
                SessionOperations.Shutdown => BootSetTarget.Shutdown,
                SessionOperations.Boot or SessionOperations.Reboot => await BootTargetAsync(name, bootSet, template, options, images, ct),
                _ => throw new SessionSetupException($"Unsupported session operation: {session.Operation}"),
            };
            targets.Add((name, SessionTargets.Patch("", session, target)));
            foreach (var node in nodes.Order(StringComparer.Ordinal))
            {
                if (bootSetOf.ContainsKey(node)) overlapping.Add(node);
                bootSetOf[node] = targets.Count - 1;
            }
        }
        if (bootSetOf.Count == 0) throw new SessionSetupException(SessionSetupException.NoNodes);
        return new SetupPlan(bootSetOf.Keys.ToArray(), bootSetOf.Values.ToArray(), targets.ToArray(), overlapping.ToList());
    }

    /// <summary>Only what the template and limit can name is read (upstream's inventory is lazy too).</summary>
    private async Task<NodeInventory> InventoryAsync(IReadOnlyList<BootSet> bootSets, LimitExpression limit, CancellationToken ct)
    {
        var named = !limit.IsUnlimited && limit.Items.Any(i => !i.IsAll);
        var groups = named || bootSets.Any(b => b.NodeGroups is { Count: > 0 }) ? await hsm.GetGroupsAsync(ct) : [];
        var partitions = named ? await hsm.GetPartitionsAsync(ct) : [];
        var components = named || bootSets.Any(b => b.NodeRolesGroups is { Count: > 0 }) ? await hsm.GetComponentsAsync(ct) : [];
        return NodeInventory.From(groups, partitions, components);
    }

    private async Task<HsmNodeView> HsmViewAsync(IReadOnlySet<string> nodes, bool includeDisabled, CancellationToken ct)
    {
        var known = await hsm.QueryComponentsAsync(nodes, ct: ct);
        // HsmComponent reads a missing Arch as "Unknown"; ArchMatch treats that like HSM's own "UNKNOWN".
        var arch = known.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => (string?)g.First().Arch, StringComparer.Ordinal);
        var enabled = includeDisabled
            ? null
            : (await hsm.QueryComponentsAsync(nodes, enabledOnly: true, ct)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return new HsmNodeView(arch, enabled);
    }

    private async Task<BootSetTarget> BootTargetAsync(string name, BootSet bootSet, SessionTemplate template, BosOptions options,
        Dictionary<string, (ImageManifest, IReadOnlyList<string>)> images, CancellationToken ct)
    {
        if (bootSet.Type != "s3")
            throw SessionSetupException.Of("BootImageMetaDataUnknown", $"No BootImageMetaData class for type {bootSet.Type}");
        var path = bootSet.Path ?? "";
        if (!images.TryGetValue(path, out var image)) images[path] = image = await ReadImageAsync(name, path, ct);
        var (manifest, imageParameters) = image;
        return SessionTargets.ForBoot(name, bootSet, template, manifest, imageParameters, options.ComponentActualStateTtl);
    }

    /// <summary>The manifest and the image's own boot parameters (read once per image and setup).</summary>
    private async Task<(ImageManifest, IReadOnlyList<string>)> ReadImageAsync(string bootSetName, string path, CancellationToken ct)
    {
        ImageManifest manifest;
        try
        {
            manifest = await s3.GetManifestAsync(S3Url.Parse(path), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Unable to read manifest {Path} of boot set {BootSet}", path, bootSetName);
            throw SessionSetupException.Of("ManifestNotFound", $"Unable to read manifest file '{path}'.");
        }
        if (SessionTargets.BootParameters(manifest) is not { } parameters) return (manifest, []);

        byte[] content;
        try
        {
            content = (await s3.GetObjectAsync(S3Url.Parse(parameters.Link.Path), ct: ct)).Content;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Unable to read boot parameters {Path} of boot set {BootSet}", parameters.Link.Path, bootSetName);
            throw SessionSetupException.Of("S3ObjectNotFound", $"Unable to download object {parameters.Link.Path}.");
        }
        return (manifest, KernelParameters.SplitImageParameters(content));
    }
}
