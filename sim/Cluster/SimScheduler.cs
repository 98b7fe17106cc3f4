using System.Diagnostics;

namespace Bos.Simulator.Cluster;

/// <summary>
/// Every timer of the simulation on one loop: a priority queue of due actions and a single waiting task, so 10,000
/// nodes cost 10,000 queue entries rather than 10,000 timers or threads. Actions run on the loop and must be quick
/// (take the cluster lock, change state, schedule more); anything slow (HTTP) is handed to a worker.
/// </summary>
public sealed class SimScheduler(ILogger<SimScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);
    private readonly PriorityQueue<Action, long> _queue = new();
    private readonly Lock _sync = new();
    private readonly SemaphoreSlim _wake = new(0);
    // Timestamp the loop sleeps until; an earlier entry wakes it. MinValue while it runs actions (no wake needed).
    private long _sleepUntil = long.MinValue;

    public int Pending
    {
        get { lock (_sync) return _queue.Count; }
    }

    public void After(TimeSpan delay, Action action)
    {
        var due = Stopwatch.GetTimestamp() + (long)(Math.Max(0, delay.TotalSeconds) * Stopwatch.Frequency);
        bool wake;
        lock (_sync)
        {
            _queue.Enqueue(action, due);
            wake = due < _sleepUntil;
            if (wake) _sleepUntil = due;
        }
        if (wake) _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = new List<Action>();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            lock (_sync)
            {
                var now = Stopwatch.GetTimestamp();
                while (_queue.TryPeek(out var action, out var at) && at <= now)
                {
                    _queue.Dequeue();
                    due.Add(action);
                }
                if (due.Count > 0)
                {
                    _sleepUntil = long.MinValue;
                    sleep = TimeSpan.Zero;
                }
                else if (_queue.TryPeek(out _, out var next))
                {
                    sleep = Stopwatch.GetElapsedTime(now, next);
                    if (sleep > MaxSleep) sleep = MaxSleep;
                    _sleepUntil = next;
                }
                else
                {
                    sleep = MaxSleep;
                    _sleepUntil = long.MaxValue;
                }
            }

            foreach (var action in due)
            {
                try { action(); }
                catch (Exception e) { logger.LogError(e, "Simulation timer failed"); }
            }
            due.Clear();

            if (sleep <= TimeSpan.Zero) continue;
            try { await _wake.WaitAsync(sleep, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
