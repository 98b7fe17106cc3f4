namespace Bos.Workers;

/// <summary>A name unique to this worker process, for per-instance (broadcast) queues and logs.</summary>
public static class WorkerInstance
{
    public static string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}".ToLowerInvariant();
}
