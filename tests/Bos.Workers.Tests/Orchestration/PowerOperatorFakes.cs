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
