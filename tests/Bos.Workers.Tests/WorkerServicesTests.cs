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
