using System.Collections.Concurrent;
using System.Diagnostics;
using Bos.Core.Messaging;
using Bos.Core.Redis;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bos.Bench;

/// <summary>A message the scheduler benchmark schedules to itself.</summary>
public sealed record BenchmarkTick(int Index, DateTimeOffset Due);

/// <summary>
/// The Redis-backed scheduler end to end over the real RabbitMQ: N messages all due at the same moment, delivered by
/// this process's dispatcher. Prints how late they arrive and how fast they drain.
/// </summary>
public sealed class SchedulerBenchmark(TextWriter output)
{
    private static readonly ConcurrentBag<(int Index, double LateMs, DateTimeOffset At)> Received = [];

    public async Task RunAsync(int count)
    {
        var prefix = BenchEnvironment.NewKeyPrefix();
        var virtualHost = await BenchEnvironment.CreateVirtualHostAsync();
        using var host = Host.CreateDefaultBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Redis:KeyPrefix"] = prefix, ["RabbitMq:VirtualHost"] = virtualHost, ["Logging:LogLevel:Default"] = "Warning",
            }))
            .ConfigureServices((context, services) =>
            {
                services.AddBosRedis(context.Configuration);
                services.AddBosMessaging(context.Configuration, x => x.AddConsumer<TickConsumer>().Endpoint(e => e.Name = $"bench-tick-{Guid.NewGuid():N}"));
            })
            .Build();
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IMessageScheduler>();

        var due = DateTimeOffset.UtcNow.AddSeconds(3);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => scheduler.SchedulePublish(due.UtcDateTime, new BenchmarkTick(i, due))));
        var scheduleRate = count / watch.Elapsed.TotalSeconds;

        var deadline = DateTime.UtcNow.AddSeconds(60 + count / 100);
        while (Received.Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        var late = Received.Select(r => r.LateMs).ToList();
        var drained = Received.IsEmpty ? double.NaN : (Received.Max(r => r.At) - due).TotalSeconds;

        output.WriteLine("| scheduler | N | result |");
        output.WriteLine("|---|---|---|");
        output.WriteLine($"| schedule (MULTI of hash + sorted set each) | {count:N0} | {scheduleRate:N0} schedules/s |");
        output.WriteLine($"| delivered | {count:N0} | {Received.Count:N0} delivered, {Received.Select(r => r.Index).Distinct().Count():N0} distinct |");
        output.WriteLine($"| lateness after due time | {count:N0} | p50 {Stats.Median(late):F0} ms, p99 {Stats.Percentile(late, 99):F0} ms, all drained {drained:F2} s after due |");
        await host.StopAsync();
        await BenchEnvironment.RemoveAsync(virtualHost, prefix);
    }

    public sealed class TickConsumer : IConsumer<BenchmarkTick>
    {
        public Task Consume(ConsumeContext<BenchmarkTick> context)
        {
            var now = DateTimeOffset.UtcNow;
            Received.Add((context.Message.Index, (now - context.Message.Due).TotalMilliseconds, now));
            return Task.CompletedTask;
        }
    }
}
