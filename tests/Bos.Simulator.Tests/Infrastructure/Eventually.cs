namespace Bos.Simulator.Tests.Infrastructure;

/// <summary>
/// Waits for a condition on the running simulation. The timeout is a liveness bound (generous, for a loaded
/// 2-core machine), never a speed assertion: the simulation runs time-scaled.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still waiting for {what}; last seen: {last}");
            await Task.Delay(20);
        }
    }

    public static Task True(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Until(condition, ok => ok, what, timeout);
}
