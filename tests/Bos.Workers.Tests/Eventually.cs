namespace Bos.Workers.Tests;

/// <summary>Waits for a condition the workers bring about. The timeout is a liveness bound for a loaded 2-core machine, not a speed assertion.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(45);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still waiting for {what}; last seen: {last}");
            await Task.Delay(50);
        }
    }

    public static Task True(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) => Until(condition, ok => ok, what, timeout);

    /// <summary>Asserts that a condition stays false for a while (something must not happen).</summary>
    public static async Task Never(Func<Task<bool>> condition, string what, TimeSpan duration)
    {
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            if (await condition()) throw new InvalidOperationException($"Unexpectedly: {what}");
            await Task.Delay(100);
        }
    }
}
