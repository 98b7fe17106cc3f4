using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bos.Core.Redis;
using Bos.Testing;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bos.Core.Tests.Redis;

/// <summary>
/// The store survives a Redis restart and the AOF keeps the data. Runs a private redis-server on a free port,
/// so restarting it disturbs no other test.
/// </summary>
[NeedsServices]
public sealed class RedisReconnectTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bos-redis-").FullName;
    private readonly int _port = FreePort();

    [Fact]
    public async Task Store_reconnects_after_restart_and_AOF_kept_the_data()
    {
        StartRedis();
        using var store = new StackExchangeRedisStore(
            Microsoft.Extensions.Options.Options.Create(new RedisOptions { Configuration = $"127.0.0.1:{_port}", KeyPrefix = "t:" }),
            NullLogger<StackExchangeRedisStore>.Instance);
        await store.SetAsync("survives", "yes");

        StopRedis();
        await Eventually.True(() => !store.IsConnected, "the store sees Redis gone", TimeSpan.FromSeconds(20));
        StartRedis();

        var value = await RetryUntilConnected(() => store.GetAsync("survives"));
        value.Should().Be("yes");
        store.IsConnected.Should().BeTrue();
    }

    private void StartRedis()
    {
        Run("redis-server", $"--bind 127.0.0.1 --port {_port} --dir {_dir} --daemonize yes --appendonly yes --save \"\" --pidfile {_dir}/redis.pid --logfile {_dir}/redis.log");
        Eventually.True(() => Run("redis-cli", $"-p {_port} ping", throwOnError: false).Contains("PONG"), "redis-server answers PING",
            TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
    }

    private void StopRedis() => Run("redis-cli", $"-p {_port} shutdown", throwOnError: false);

    private static async Task<T> RetryUntilConnected<T>(Func<Task<T>> action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try { return await action(); }
            catch (Exception) when (DateTime.UtcNow < deadline) { await Task.Delay(100); }
        }
    }

    private static string Run(string file, string args, bool throwOnError = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (throwOnError && process.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed: {process.StandardError.ReadToEnd()}");
        return output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        StopRedis();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
