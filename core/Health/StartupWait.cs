using System.Net.Sockets;
using System.Runtime.InteropServices;
using Bos.Core.Messaging;
using Bos.Core.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bos.Core.Health;

/// <summary>Bound from "Startup": how long a process waits for Redis and RabbitMQ before it gives up.</summary>
public sealed class StartupOptions
{
    public const string Section = "Startup";

    /// <summary>Attempts before the process exits non-zero (1 s apart at first, then 2 s).</summary>
    public int DependencyAttempts { get; set; } = 30;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Before the host starts: waits until Redis answers PING and RabbitMQ accepts connections, logging each wait, for a
/// bounded number of attempts. SIGTERM / SIGINT end the wait at once (the host's own signal handling starts only
/// with the host). Returns the exit code to use, or null to go on starting.
/// </summary>
public static class StartupWait
{
    public static async Task<int?> WaitForDependenciesAsync(IServiceProvider services, string application, bool broker = true)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var options = configuration.GetSection(StartupOptions.Section).Get<StartupOptions>() ?? new StartupOptions();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Bos.Startup");
        using var stop = new CancellationTokenSource();
        var signal = (PosixSignal?)null;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            signal = context.Signal;
            stop.Cancel();
        }
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        var redisConfiguration = configuration[$"{RedisOptions.Section}:Configuration"] ?? new RedisOptions().Configuration;
        var rabbit = configuration.GetSection(RabbitMqOptions.Section).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        logger.LogInformation("{Application} starting: waiting for Redis at {Redis}{Broker}", application, redisConfiguration,
            broker ? $" and RabbitMQ at {rabbit.Host}:{rabbit.Port}" : "");
        try
        {
            var redis = await Task.Run(() => services.GetRequiredService<IRedisStore>(), stop.Token);
            await WaitAsync("Redis", redisConfiguration, async ct => await redis.PingAsync().WaitAsync(TimeSpan.FromSeconds(2), ct),
                options, logger, stop.Token);
            if (broker)
                await WaitAsync("RabbitMQ", $"{rabbit.Host}:{rabbit.Port}", async ct =>
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(rabbit.Host, rabbit.Port, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(2), ct);
                }, options, logger, stop.Token);
            return null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            logger.LogWarning("{Application} stopping: {Signal} received while waiting for its dependencies", application, signal);
            return 0;
        }
        catch (TimeoutException e)
        {
            logger.LogCritical("{Application} cannot start: {Error}", application, e.Message);
            return 2;
        }
    }

    /// <summary>Runs <paramref name="probe"/> until it succeeds, logging each failed attempt; TimeoutException after the last.</summary>
    public static async Task WaitAsync(string name, string address, Func<CancellationToken, Task> probe, StartupOptions options,
        ILogger logger, CancellationToken ct)
    {
        var attempts = Math.Max(1, options.DependencyAttempts);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await probe(ct);
                if (attempt > 1) logger.LogInformation("{Dependency} at {Address} is reachable", name, address);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                if (attempt >= attempts)
                    throw new TimeoutException($"{name} at {address} still unreachable after {attempts} attempts: {e.Message}");
                logger.LogWarning("Waiting for {Dependency} at {Address} (attempt {Attempt} of {Attempts}): {Error}",
                    name, address, attempt, attempts, e.Message);
            }
            await Task.Delay(attempt == 1 ? TimeSpan.FromSeconds(1) : options.RetryDelay, ct);
        }
    }
}
