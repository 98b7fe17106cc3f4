using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Bos.Bench;

/// <summary>
/// A fixed chain of integer arithmetic timed on one core, before and after the measured session. This machine's speed
/// moves by ±15 % within an hour with nothing else running (the same build's 100k reboot took 95 s and 109 s an hour
/// apart, every process slower alike: BENCHMARKS.md), so a run prints the check beside its numbers and a slow machine
/// shows as one rather than as a slow build.
/// </summary>
public static class MachineSpeed
{
    /// <summary>Milliseconds of the check (about 0.3 s on this machine when it is quick).</summary>
    public static double MeasureMs()
    {
        var watch = Stopwatch.StartNew();
        var result = Chain(200_000_000);
        watch.Stop();
        GC.KeepAlive(result);
        return watch.Elapsed.TotalMilliseconds;
    }

    // Each step depends on the last (no vectorizing, no overlap): the time is the core's, not the memory's. Optimized
    // at once: a method run once would otherwise start in unoptimized code.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong Chain(int steps)
    {
        ulong x = 1;
        for (var i = 0; i < steps; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
        return x;
    }
}
