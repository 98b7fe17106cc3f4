using Bos.Core.Health;
using Bos.Core.Options;
using Bos.Core.Redis;
using Bos.Workers.Orchestration;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>A <see cref="PendingActionConsumer"/> on the MassTransit test harness over real Redis, with one handler.</summary>
internal static class DrainerHarness
{
    public static ServiceProvider Build(IRedisStore redis, IProcessReadiness readiness, IActionHandler handler) => new ServiceCollection()
        .AddLogging()
        .AddSingleton(redis)
        .AddSingleton<IBosOptionsSource>(new StaticBosOptionsSource(BosOptions.Defaults))
        .AddSingleton(readiness)
        .AddSingleton<PendingActions>()
        .AddSingleton(handler)
        .AddMassTransitTestHarness(x => x.AddConsumer<PendingActionConsumer>())
        .BuildServiceProvider(true);
}
