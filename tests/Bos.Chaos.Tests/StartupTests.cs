using System.Diagnostics;
using FluentAssertions;
using Xunit;

namespace Bos.Chaos.Tests;

/// <summary>
/// Issue #11: with Redis (or RabbitMQ) unreachable, the API and the worker log that they wait within seconds and stop
/// within ~5 s on SIGTERM (the API used to hang silently: no port, no log line, SIGTERM ignored).
/// </summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("api", "Bos.Api.dll", "Redis")]
    [InlineData("workers", "Bos.Workers.dll", "Redis")]
    public async Task A_process_whose_Redis_is_unreachable_logs_that_it_waits_and_stops_at_once_on_SIGTERM(string folder, string dll, string dependency)
    {
        var log = Path.GetTempFileName();
        var path = Path.Combine(ChaosServices.Root, folder, "bin", "Release", "net10.0", dll);
        var info = new ProcessStartInfo("sh", $"-c \"exec dotnet '{path}' > '{log}' 2>&1\"") { WorkingDirectory = Path.GetDirectoryName(path)! };
        info.Environment["Urls"] = $"http://127.0.0.1:{ChaosCluster.FreePort()}";
        info.Environment["Redis__Configuration"] = $"127.0.0.1:{ChaosCluster.FreePort()}";
        info.Environment["RabbitMq__Port"] = ChaosCluster.FreePort().ToString();
        using var process = Process.Start(info)!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30); // a liveness bound: the suite shares 2 cores with other test assemblies
            while (!File.ReadAllText(log).Contains($"\"Dependency\":\"{dependency}\"") && DateTime.UtcNow < deadline) await Task.Delay(100);
            File.ReadAllText(log).Should().Contain($"\"Dependency\":\"{dependency}\"", "a waiting process says so within seconds");

            var clock = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", $"-TERM {process.Id}")!) await kill.WaitForExitAsync();
            var exited = await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(5))) is { IsCompletedSuccessfully: true } t
                         && process.HasExited;
            exited.Should().BeTrue($"SIGTERM stops it within 5 s (log: {File.ReadAllText(log)})");
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_process_whose_Redis_never_comes_exits_non_zero_after_its_bounded_wait()
    {
        var path = Path.Combine(ChaosServices.Root, "api", "bin", "Release", "net10.0", "Bos.Api.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{path}\"") { WorkingDirectory = Path.GetDirectoryName(path)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["Urls"] = $"http://127.0.0.1:{ChaosCluster.FreePort()}";
        info.Environment["Redis__Configuration"] = $"127.0.0.1:{ChaosCluster.FreePort()}";
        info.Environment["Startup__DependencyAttempts"] = "2";
        info.Environment["Startup__RetryDelay"] = "00:00:00.5";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(TimeSpan.FromSeconds(20));
        if (!exited) process.Kill(entireProcessTree: true);
        exited.Should().BeTrue();
        process.ExitCode.Should().NotBe(0);
        (await stdout).Should().Contain("cannot start");
    }
}
