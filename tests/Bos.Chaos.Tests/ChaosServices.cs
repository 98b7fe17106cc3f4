using System.Diagnostics;

namespace Bos.Chaos.Tests;

/// <summary>
/// The suite's own Redis and RabbitMQ, started and restarted through scripts/services with env overrides (ports,
/// data folder; the node name follows from the ports), never the shared ones on 6379/5672.
/// </summary>
public sealed class ChaosServices
{
    public static string Root { get; } = FindRoot();
    public int RedisPort { get; } = Port("BOS_CHAOS_REDIS_PORT", 46379);
    public int AmqpPort { get; } = Port("BOS_CHAOS_RABBITMQ_PORT", 46672);
    public int ManagementPort { get; } = Port("BOS_CHAOS_RABBITMQ_MANAGEMENT_PORT", 46673);
    public int DistPort { get; } = Port("BOS_CHAOS_RABBITMQ_DIST_PORT", 46674);
    public string DataDir { get; } = Path.Combine(Root, ".data", "chaos");

    public Task StartAsync(string which = "") => RunAsync("start", which);
    public Task StopAsync(string which) => RunAsync("stop", which);

    private async Task RunAsync(string command, string which)
    {
        var info = new ProcessStartInfo(Path.Combine(Root, "scripts", "services"), $"{command} {which}".Trim())
        { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["BOS_DATA_DIR"] = DataDir;
        info.Environment["BOS_REDIS_PORT"] = RedisPort.ToString();
        info.Environment["BOS_RABBITMQ_PORT"] = AmqpPort.ToString();
        info.Environment["BOS_RABBITMQ_MANAGEMENT_PORT"] = ManagementPort.ToString();
        info.Environment["BOS_RABBITMQ_DIST_PORT"] = DistPort.ToString();
        using var process = Process.Start(info)!;
        var output = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/services {command} {which} failed: {await output}");
    }

    private static int Port(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var p) ? p : fallback;

    private static string FindRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Bos.sln"))) root = Path.GetDirectoryName(root)!;
        return root;
    }
}
