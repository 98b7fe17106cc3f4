using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Time;

namespace Bos.Workers.Orchestration;

/// <summary>
/// OP-15/OP-20: powers on enabled components in power_on_pending, per chunk: tag SBPS images in IMS, BSS boot parameters
/// per artifact group (token recorded for the node's report), CFS disabled with the desired configuration, then the
/// outcome written (last_action powering_on, the attempt, the BSS token) and one PCS On for the chunk. Upstream writes
/// the last action first and the outcome again after PCS; Bos writes it once, right before PCS (D-26).
/// </summary>
public sealed partial class PowerOnOperator(
    PowerOperatorServices services,
    IImsClient ims,
    IBssClient bss,
    ICfsClient cfs,
    BssTokenStore tokens,
    ILogger<PowerOnOperator> logger)
    : PowerOperator(services, logger)
{
    private const int TokenRecordRetries = 5;

    protected override string Action => Actions.PoweringOn;

    protected override RetryCounter Counter => RetryCounter.PowerOn;

    public override ActionKind Kind => ActionKind.PowerOn;

    protected override string Verb => "power on";

    /// <summary>The step's own text, as its final error would read (upstream's "Error encountered …" of OP-15).</summary>
    protected override string RetryingError(ServiceAttemptFailure failure) => failure.Service switch
    {
        "ims" => ServiceFailureErrors.Retrying("Error encountered tagging images", failure),
        "bss" => ServiceFailureErrors.Retrying("Error encountered setting BSS information", failure),
        "cfs" => ServiceFailureErrors.Retrying("Error encountered setting CFS information", failure),
        "pcs" => ServiceFailureErrors.Retrying("Error encountered calling CAPMC to power on", failure),
        _ => base.RetryingError(failure),
    };

    protected override async Task<IReadOnlyList<TransitionStarted>> ActAsync(IReadOnlyList<Component> chunk, Dictionary<string, string> errors, CancellationToken ct)
    {
        _bssTokens.Clear();
        var groups = chunk
            .Select(c => (Component: c, Artifacts: c.DesiredState?.BootArtifacts))
            .Where(x => !string.IsNullOrEmpty(x.Artifacts?.Kernel) || !string.IsNullOrEmpty(x.Artifacts?.KernelParameters) || !string.IsNullOrEmpty(x.Artifacts?.Initrd))
            .GroupBy(x => (Kernel: x.Artifacts!.Kernel ?? "", Parameters: x.Artifacts.KernelParameters ?? "", Initrd: x.Artifacts.Initrd ?? ""), x => x.Component)
            .ToList();

        await Step(ct, () => TagImages(groups, errors, ct), e => $"Error encountered tagging images {TypeAndMessage(e)}.");
        await Step(ct, () => SetBss(groups, ct), e => $"Error encountered setting BSS information: {TypeAndMessage(e)}");
        await Step(ct, () => SetCfs(chunk, ct), e => $"Error encountered setting CFS information: {TypeAndMessage(e)}");
        // Upstream's preset (OP-20 step 1) moved to the last moment before PCS and written as the outcome, with the BSS
        // token (D-26). A component retargeted since it was read (a newer session set up) is left to its new target:
        // not powered on for the old one (D-25).
        chunk = await WriteOutcomeBeforeCallAsync(chunk, errors);
        if (chunk.Count == 0) return [];
        IReadOnlyList<TransitionStarted> started = [];
        await Step(ct, async () => started = await TransitionAsync(PowerOperation.On, chunk, ct), e => $"Error encountered calling CAPMC to power on: {TypeAndMessage(e)}");
        return started;
    }

    private async Task TagImages(IEnumerable<IGrouping<(string Kernel, string Parameters, string Initrd), Component>> groups,
        Dictionary<string, string> errors, CancellationToken ct)
    {
        var nodesByImage = new Dictionary<string, List<string>>();
        foreach (var group in groups.Where(g => g.Key.Parameters.Contains("root=sbps-s3", StringComparison.Ordinal)))
        {
            var imageId = S3Url.Parse(group.Key.Kernel).ImsImageId;
            var error = imageId switch
            {
                null => $"Unable to extract IMS ID from kernel path: {group.Key.Kernel}",
                "deleted" => $"Kernel path appears to refer to soft-deleted IMS image: '{group.Key.Kernel}'",
                _ => null,
            };
            if (error is not null)
            {
                logger.LogError("{Error}", error);
                foreach (var c in group) errors[c.Id!] = error;
                continue;
            }
            if (!nodesByImage.TryGetValue(imageId!, out var nodes)) nodesByImage[imageId!] = nodes = [];
            nodes.AddRange(group.Select(c => c.Id!));
        }

        foreach (var (image, nodes) in nodesByImage)
        {
            try
            {
                await ims.TagImageAsync(image, "sbps-project", "true", ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && !InfrastructureFailure.Is(e))
            {
                foreach (var node in nodes) errors[node] = TypeAndMessage(e);
            }
        }
    }

    // The BSS token of each component powered on, written with the operator's outcome (no write of its own).
    private readonly Dictionary<string, (string Token, string Session)> _bssTokens = [];

    private async Task SetBss(IEnumerable<IGrouping<(string Kernel, string Parameters, string Initrd), Component>> groups, CancellationToken ct)
    {
        var timestamp = Timestamps.Format(Services.Clock.GetUtcNow());
        foreach (var group in groups)
        {
            IReadOnlyList<BssReferral> referrals;
            try
            {
                referrals = await bss.SetBootParametersAsync(group.Select(c => c.Id!).ToList(), group.Key.Parameters, group.Key.Kernel, group.Key.Initrd, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && !InfrastructureFailure.Is(e))
            {
                // Upstream only logs this: the nodes are powered on with whatever BSS holds.
                logger.LogError("Failed to set BSS for boot artifacts: {Artifacts} for nodes: {ComponentIds}. Error: {Error}",
                    group.Key, string.Join(',', group.Select(c => c.Id)), TypeAndMessage(e));
                continue;
            }

            var artifacts = new BootArtifacts { Kernel = group.Key.Kernel, KernelParameters = group.Key.Parameters, Initrd = group.Key.Initrd, Timestamp = timestamp };
            var sessions = group.ToDictionary(c => c.Id!, c => c.Session ?? "");
            foreach (var referral in referrals)
            {
                await RecordToken(referral.Token, artifacts);
                foreach (var host in referral.Hosts.Where(sessions.ContainsKey)) _bssTokens[host] = (referral.Token, sessions[host]);
            }
        }
        logger.LogInformation("Found {Count} components that require BSS token updates", _bssTokens.Count);
    }

    protected override Component WithActionResults(Component component, Component patch) =>
        _bssTokens.TryGetValue(component.Id!, out var bssToken)
            ? patch with { DesiredState = new DesiredState { BssToken = bssToken.Token }, Session = bssToken.Session }
            : patch;

    private async Task RecordToken(string token, BootArtifacts artifacts)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await tokens.RecordAsync(token, artifacts);
                return;
            }
            catch (Exception e) when (attempt < TokenRecordRetries)
            {
                logger.LogWarning("An error occurred attempting to record the BSS token: {Error}; retrying", TypeAndMessage(e));
            }
        }
    }

    /// <summary>set_cfs(enabled=false, clear_state=true): one PATCH group per (desired configuration, session).</summary>
    private async Task SetCfs(IReadOnlyList<Component> chunk, CancellationToken ct)
    {
        foreach (var group in chunk.GroupBy(c => (Configuration: c.DesiredState?.Configuration ?? "", Session: c.Session ?? "")))
        {
            await cfs.PatchComponentsAsync(group.Select(c => c.Id!).ToList(), new CfsComponentPatch
            {
                Enabled = false,
                DesiredConfig = group.Key.Configuration,
                Tags = new Dictionary<string, string> { ["bos_session"] = group.Key.Session },
                ClearState = true,
            }, ct);
        }
    }

    private static async Task Step(CancellationToken ct, Func<Task> step, Func<Exception, string> error)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            throw new OperatorStepException(error(e), e);
        }
    }

    /// <summary>Upstream's exc_type_msg: "ExceptionType: message".</summary>
    private static string TypeAndMessage(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
