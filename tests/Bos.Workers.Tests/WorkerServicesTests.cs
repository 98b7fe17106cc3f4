using Bos.Core.Clients;
using Bos.Core.Options;
using Bos.Core.Outbox;
using Bos.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Workers.Tests;

/// <summary>The worker host offers what the operators build on: stored options, the outbox and the service clients.</summary>
[NeedsServices]
public sealed class WorkerServicesTests(WorkerFactory factory) : IClassFixture<WorkerFactory>
{
    [Fact]
    public void Options_follow_the_stored_record_and_writes_go_through_the_outbox()
    {
        factory.Services.GetRequiredService<IBosOptionsSource>().Should().BeOfType<RedisBosOptionsSource>();
        factory.Services.GetRequiredService<Outbox>().Should().NotBeNull();
    }

    [Fact]
    public void Every_service_client_resolves()
    {
        factory.Services.GetRequiredService<IHsmClient>().Should().NotBeNull();
        factory.Services.GetRequiredService<IPcsClient>().Should().NotBeNull();
        factory.Services.GetRequiredService<IBssClient>().Should().NotBeNull();
        factory.Services.GetRequiredService<ICfsClient>().Should().NotBeNull();
        factory.Services.GetRequiredService<IImsClient>().Should().NotBeNull();
        factory.Services.GetRequiredService<IS3Client>().Should().NotBeNull();
        factory.Services.GetRequiredService<ITapmsClient>().Should().NotBeNull();
    }
}

/// <summary>What the worker's consumers fetch ahead from their queues.</summary>
[NeedsServices]
public sealed class WorkerPrefetchTests(WorkerFactory factory) : IClassFixture<WorkerFactory>
{
    [Fact]
    public async Task Queues_of_change_batches_are_fetched_only_as_far_ahead_as_they_are_consumed_at_once()
    {
        _ = factory.Services;

        // The management API lists consumers from its statistics, refreshed every few seconds.
        var prefetch = await Eventually.Until(factory.VirtualHost.ConsumerPrefetchAsync,
            p => p.ContainsKey("component-orchestration") && p.ContainsKey("bos-session-completion-trigger"),
            "the worker's consumers listed", TimeSpan.FromSeconds(30));

        prefetch["component-orchestration"].Should().AllBeEquivalentTo(4);
        prefetch["bos-session-completion-trigger"].Should().AllBeEquivalentTo(4, "a ComponentsChanged is up to ~300 KB");
    }
}
