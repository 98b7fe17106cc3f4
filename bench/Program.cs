using Bos.Bench;

// Usage: dotnet bench/bin/Release/net10.0/Bos.Bench.dll <scenario> [--quick] ...
//   api [--components 10000,100000] [--concurrency 64] [--seconds 10]
//   api-ab [--components 10000] [--concurrency 64] [--seconds 2] [--rounds 12] [--baseline /other/worktree]
//   redis [--count 100000]
//   history [--count 100000] [--reboots 2]
//   scheduler [--count 5000]
//   reboot [--nodes 1000,10000,100000] [--workers 1,2,4] [--events-consumer] [--warmup] [--repeat N]
//   mixed [--clients 32] [--seconds 60] [--nodes 1000]
// BOS_BENCH_TELEMETRY=off starts the API and workers with Telemetry__Enabled=false (default on), to compare the cost.
var repoRoot = FindRepoRoot();
Console.Error.WriteLine($"bench: telemetry {(BenchEnvironment.Telemetry ? "on" : "off")} (BOS_BENCH_TELEMETRY)");
var scenario = args.FirstOrDefault() ?? "api";
var quick = args.Contains("--quick");
string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
await BenchLeftovers.RemoveAsync();

switch (scenario)
{
    case "api":
        var sizes = (Arg("--components") ?? (quick ? "1000" : "10000,100000")).Split(',').Select(int.Parse).ToList();
        var concurrency = int.Parse(Arg("--concurrency") ?? "64");
        var seconds = double.Parse(Arg("--seconds") ?? (quick ? "2" : "10"), System.Globalization.CultureInfo.InvariantCulture);
        await new ApiBenchmark(repoRoot, Console.Out).RunAsync(sizes, concurrency, TimeSpan.FromSeconds(seconds), quick ? 2 : 5);
        return 0;
    case "api-ab":
        var answered = await new ApiAbBenchmark(repoRoot, Console.Out).RunAsync(int.Parse(Arg("--components") ?? (quick ? "1000" : "10000")),
            int.Parse(Arg("--concurrency") ?? "64"),
            TimeSpan.FromSeconds(double.Parse(Arg("--seconds") ?? (quick ? "1" : "2"), System.Globalization.CultureInfo.InvariantCulture)),
            int.Parse(Arg("--rounds") ?? (quick ? "2" : "12")), Arg("--baseline"));
        return answered ? 0 : 1;
    case "redis":
        await new RedisBenchmark(Console.Out).RunAsync(int.Parse(Arg("--count") ?? (quick ? "5000" : "100000")));
        return 0;
    case "history":
        await new HistoryBenchmark(Console.Out).RunAsync(int.Parse(Arg("--count") ?? (quick ? "2000" : "100000")), int.Parse(Arg("--reboots") ?? "2"));
        return 0;
    case "scheduler":
        await new SchedulerBenchmark(Console.Out).RunAsync(int.Parse(Arg("--count") ?? (quick ? "200" : "5000")));
        return 0;
    case "reboot":
        var nodeCounts = (Arg("--nodes") ?? (quick ? "20" : "1000,10000")).Split(',').Select(int.Parse).ToList();
        var workerCounts = (Arg("--workers") ?? "1").Split(',').Select(int.Parse).ToList();
        var timing = quick ? new HardwareTiming(0.5, 1, 0.5, 0.2, 0.5) : new HardwareTiming(2, 10, 3, 1, 5);
        var reboot = new RebootBenchmark(repoRoot, Console.Out);
        RebootBenchmark.Header(Console.Out);
        var completed = true;
        foreach (var n in nodeCounts)
            foreach (var w in workerCounts)
                completed &= await reboot.RunAsync(n, w, timing, TimeSpan.FromMinutes(quick ? 2 : 60), args.Contains("--events-consumer"), args.Contains("--warmup"),
                    int.Parse(Arg("--repeat") ?? "1"));
        return completed ? 0 : 1;
    case "mixed":
        var mixed = new MixedBenchmark(repoRoot, Console.Out);
        var ok = await mixed.RunAsync(
            nodes: int.Parse(Arg("--nodes") ?? (quick ? "20" : "1000")),
            clients: int.Parse(Arg("--clients") ?? (quick ? "8" : "32")),
            duration: TimeSpan.FromSeconds(double.Parse(Arg("--seconds") ?? (quick ? "3" : "60"), System.Globalization.CultureInfo.InvariantCulture)),
            timing: quick ? new HardwareTiming(0.5, 1, 0.5, 0.2, 0.5) : new HardwareTiming(2, 10, 3, 1, 5),
            sessionTimeout: TimeSpan.FromMinutes(quick ? 2 : 15));
        return ok ? 0 : 1;
    default:
        Console.Error.WriteLine($"unknown scenario '{scenario}' (known: api, api-ab, redis, history, scheduler, reboot, mixed)");
        return 2;
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Bos.sln"))) return dir.FullName;
    throw new DirectoryNotFoundException("Bos.sln not found above the benchmark");
}
