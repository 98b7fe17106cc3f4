using Bos.Core.Clients;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>HSM knowing every component asked about; <paramref name="whenQueried"/> runs first (something happening meanwhile).</summary>
internal sealed class AllKnownHsm(Func<Task>? whenQueried = null) : IHsmClient
{
    public async Task<IReadOnlyList<HsmComponent>> QueryComponentsAsync(IReadOnlyCollection<string> ids, bool enabledOnly = false, CancellationToken ct = default)
    {
        if (whenQueried is not null) await whenQueried();
        return ids.Select(id => new HsmComponent { Id = id }).ToList();
    }

    public Task<IReadOnlyList<HsmComponent>> GetComponentsAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<HsmGroup>> GetGroupsAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<HsmPartition>> GetPartitionsAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlySet<string>> GetLockedNodesAsync(CancellationToken ct = default) => throw new NotSupportedException();
}

/// <summary>PCS that records the transitions asked for (starting none); <paramref name="whenStarting"/> runs first.</summary>
internal sealed class RecordingPcs(Func<Task>? whenStarting = null) : IPcsClient
{
    public List<(PowerOperation Operation, IReadOnlyList<string> Xnames)> Started { get; } = [];

    public async Task<IReadOnlyList<TransitionStarted>> StartTransitionAsync(PowerOperation operation, IReadOnlyCollection<string> xnames,
        int taskDeadlineMinutes = 1, CancellationToken ct = default)
    {
        if (whenStarting is not null) await whenStarting();
        Started.Add((operation, xnames.ToList()));
        return [];
    }

    public Task<IReadOnlyList<PowerStatus>> GetPowerStatusAsync(IReadOnlyCollection<string> xnames, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<TransitionStatus> GetTransitionAsync(string transitionId, CancellationToken ct = default) => throw new NotSupportedException();
}

/// <summary>BSS answering every PUT with one referral <paramref name="token"/> for all its hosts.</summary>
internal sealed class OneReferralBss(string token) : IBssClient
{
    public Task<IReadOnlyList<BssReferral>> SetBootParametersAsync(IReadOnlyCollection<string> hosts, string kernelParameters, string kernel, string initrd,
        CancellationToken ct = default) => Task.FromResult<IReadOnlyList<BssReferral>>([new BssReferral(token, hosts.ToList())]);

    public Task<BssBootParameters?> GetBootParametersAsync(string host, CancellationToken ct = default) => throw new NotSupportedException();
}

/// <summary>CFS knowing every component, none configured yet; <paramref name="whenPatched"/> runs on a patch.</summary>
internal sealed class AcceptingCfs(Func<Task>? whenPatched = null) : ICfsClient
{
    public async Task PatchComponentsAsync(IReadOnlyCollection<string> ids, CfsComponentPatch patch, CancellationToken ct = default)
    {
        if (whenPatched is not null) await whenPatched();
    }

    public Task<IReadOnlyList<CfsComponent>> GetAllComponentsAsync(IReadOnlyDictionary<string, string>? query = null, CancellationToken ct = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<CfsComponent>> GetComponentsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<CfsComponent>>(ids.Select(id => new CfsComponent { Id = id, DesiredConfig = "", ConfigurationStatus = "pending" }).ToList());
}

/// <summary>IMS that is never needed (no SBPS images).</summary>
internal sealed class UnusedIms : IImsClient
{
    public Task<ImsImage> GetImageAsync(string imageId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task TagImageAsync(string imageId, string key, string value, CancellationToken ct = default) => throw new NotSupportedException();
}
