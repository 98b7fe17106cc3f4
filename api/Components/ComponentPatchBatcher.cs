using System.Diagnostics;
using Bos.Contracts.Resources;
using Bos.Core.Components;

namespace Bos.Api.Components;

/// <summary>
/// Group commit of single-component PATCHes (API-46: what every booted node's bos-reporter sends). Requests that arrive
/// while a write is out wait for it, then go together in the next write: one read and one compare-and-set for up to
/// <see cref="MaxBatch"/> of them instead of one each (a Redis script call per report was most of a 100k reboot's
/// script overhead). No timer: a request that finds no write out is written at once. A component patched again
/// meanwhile waits for the write after, so its patches apply in the order they came; every request gets its own
/// record, absence or refusal (the 409 rule). A write continues the trace of its first request, as the outbox relay does.
/// </summary>
public sealed class ComponentPatchBatcher(ComponentWriter writer, ILogger<ComponentPatchBatcher> logger)
{
    /// <summary>Patches written together at most: one script call of the repository, so a write succeeds or fails whole.</summary>
    public const int MaxBatch = ComponentRepository.ChunkSize;

    private sealed class Request(Component patch, Action<Component, Component>? guard)
    {
        public Component Patch { get; } = patch;
        public Action<Component, Component>? Guard { get; } = guard;
        public Activity? Activity { get; } = Activity.Current;
        public TaskCompletionSource<Component?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Lock _gate = new();
    private readonly List<Request> _waiting = [];
    private bool _writing;

    /// <summary>Merges <paramref name="patch"/> (its id set) into the stored record; null when the component is absent.</summary>
    public Task<Component?> PatchAsync(Component patch, Action<Component, Component>? guard)
    {
        var request = new Request(patch, guard);
        bool start;
        lock (_gate)
        {
            _waiting.Add(request);
            start = !_writing;
            _writing = true;
        }
        if (start)
        {
            // The loop outlives this request: it must not carry its context (trace, log scope) into later writes.
            using (ExecutionContext.SuppressFlow()) _ = Task.Run(WriteWhileWaitingAsync);
        }
        return request.Done.Task;
    }

    private async Task WriteWhileWaitingAsync()
    {
        while (true)
        {
            List<Request> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }
                batch = TakeOnePerComponent();
            }
            await WriteAsync(batch);
        }
    }

    // The first waiting request of each component, in arrival order; later ones of the same component stay waiting.
    private List<Request> TakeOnePerComponent()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<Request>();
        var rest = new List<Request>();
        foreach (var request in _waiting)
        {
            if (batch.Count < MaxBatch && ids.Add(request.Patch.Id!)) batch.Add(request);
            else rest.Add(request);
        }
        _waiting.Clear();
        _waiting.AddRange(rest);
        return batch;
    }

    // Never throws: every request of the batch is answered.
    private async Task WriteAsync(List<Request> batch)
    {
        var previous = Activity.Current;
        Activity.Current = batch[0].Activity;
        try
        {
            var (written, refused) = await writer.PatchEachGuardedAsync(batch.Select(r => (r.Patch, r.Guard)).ToList());
            foreach (var request in batch)
            {
                var id = request.Patch.Id!;
                if (refused.TryGetValue(id, out var refusal)) request.Done.TrySetException(refusal);
                else request.Done.TrySetResult(written.GetValueOrDefault(id));
            }
        }
        catch (Exception e)
        {
            if (batch.Count > 1) logger.LogWarning("A write of {Count} component patches failed: {Error}", batch.Count, e.Message);
            foreach (var request in batch) request.Done.TrySetException(e);
        }
        finally
        {
            Activity.Current = previous;
        }
    }
}
