using System.Diagnostics;
using System.Net.Sockets;
using FluentAssertions;
using Xunit;

namespace Bos.Chaos.Tests;

/// <summary>
/// The root cause of issue #11's Redis-restart "hang": the chaos Redis on 46379 had been left running by another
/// checkout; this checkout's suite adopted it, and the restart brought back this checkout's own, older dataset, without
/// the session under test. Shown here with Redis alone, on a free port and temporary data folders.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class ChaosServicesTests : IAsyncLifetime
{
    private readonly string _ours = Directory.CreateTempSubdirectory("bos-chaos-ours-").FullName;
    private readonly string _theirs = Directory.CreateTempSubdirectory("bos-chaos-theirs-").FullName;
    private readonly int _port = ChaosCluster.FreePort();

    [Fact]
    public async Task A_Redis_left_running_on_the_chaos_port_by_another_checkout_is_replaced_by_this_checkouts_own()
    {
        var theirs = Services(_theirs);
        await theirs.StartAsync("redis");
        await RedisCli("set only-theirs 1");

        var ours = Services(_ours);
        await ours.StartAsync("redis");

        (await ours.RunningRedisDataDirAsync()).Should().Be(_ours, "a restart must bring back the data this run wrote, not another checkout's");
        (await RedisCli("exists only-theirs")).Trim().Should().Be("0");
    }

    [Fact]
    public async Task A_Redis_on_the_chaos_port_that_another_run_is_using_is_not_taken_over()
    {
        var theirs = Services(_theirs);
        await theirs.StartAsync("redis");
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _port);
        await client.GetStream().WriteAsync("PING\r\n"u8.ToArray());
        (await client.GetStream().ReadAsync(new byte[16])).Should().BeGreaterThan(0, "connected: +PONG");

        var start = () => Services(_ours).StartAsync("redis");

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*another run is using it*");
        (await theirs.RunningRedisDataDirAsync()).Should().Be(_theirs);
    }

    [Fact]
    public void The_suites_own_ports_lie_outside_the_kernels_ephemeral_range_so_no_client_takes_one_while_its_broker_is_down()
    {
        // A client retrying a stopped broker on an ephemeral port can be handed that very port (a connection to itself),
        // and the restarted broker then fails with eaddrinuse: it happened on 46672.
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        var services = new ChaosServices();

        foreach (var port in new[] { services.RedisPort, services.AmqpPort, services.ManagementPort, services.DistPort })
            (port < range[0] || port > range[1]).Should().BeTrue($"port {port} must lie outside the ephemeral range {range[0]}-{range[1]}");
    }

    private ChaosServices Services(string dataDir) =>
        new(redisPort: _port, amqpPort: ChaosCluster.FreePort(), managementPort: ChaosCluster.FreePort(), distPort: ChaosCluster.FreePort(), dataDir: dataDir);

    private async Task<string> RedisCli(string args)
    {
        using var process = Process.Start(new ProcessStartInfo("redis-cli", $"-h 127.0.0.1 -p {_port} {args}") { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await RedisCli("shutdown nosave");
        foreach (var dir in new[] { _ours, _theirs })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
