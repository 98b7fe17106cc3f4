namespace Bos.Testing;

/// <summary>
/// The one way tests wait for something asynchronous to happen. Timeouts are liveness bounds, generous for a loaded
/// 2-core CI machine: never speed assertions (speed is measured by the benchmarks).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Reads <paramref name="probe"/> until <paramref name="done"/> holds and returns that value.</summary>
    /// <exception cref="TimeoutException">Not done in time; the message names <paramref name="what"/> and the last value.</exception>
    /// <param name="probe">Reads the current value.</param>
    /// <param name="done">Whether the value is the one waited for.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="timeout">Liveness bound; <see cref="DefaultTimeout"/> when not given.</param>
    /// <param name="pollInterval">Time between reads: longer for probes that read much (thousands of records).</param>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null,
        TimeSpan? pollInterval = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still waiting for {what}; last seen: {last}");
            await Task.Delay(pollInterval ?? PollInterval);
        }
    }

    /// <summary>Waits until an asynchronous condition holds.</summary>
    public static Task True(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Until(condition, ok => ok, what, timeout);

    /// <summary>Waits until a condition on in-memory state holds.</summary>
    public static Task True(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(condition()), ok => ok, what, timeout);

    /// <summary>Asserts that a condition stays false for <paramref name="duration"/> (something must not happen).</summary>
    public static async Task Never(Func<Task<bool>> condition, string what, TimeSpan duration)
    {
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            if (await condition()) throw new InvalidOperationException($"Unexpectedly: {what}");
            await Task.Delay(PollInterval * 4);
        }
    }
}
