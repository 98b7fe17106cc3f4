using Bos.Core.Clients;
using Bos.Core.Tenancy;
using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Core.Tests.Tenancy;

/// <summary>Which tenant directory a host gets: TAPMS only when Services:Tapms is configured explicitly.</summary>
public sealed class TenancyRegistrationTests
{
    private static ITenantDirectory Resolve(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging().AddBosServiceClients(configuration).AddBosTenantDirectory(configuration);
        return services.BuildServiceProvider().GetRequiredService<ITenantDirectory>();
    }

    [Fact]
    public async Task Without_a_TAPMS_url_tenants_come_from_configuration()
    {
        var directory = Resolve(("Tenants:t1:0", "x1"));

        directory.Should().BeOfType<ConfiguredTenantDirectory>();
        (await directory.GetComponentIdsAsync("t1")).Should().BeEquivalentTo(["x1"]);
    }

    [Fact]
    public void A_configured_TAPMS_url_selects_the_cached_TAPMS_directory() =>
        Resolve(("Services:Tapms", "http://tapms.example/v1alpha3"), ("Tenants:t1:0", "x1")).Should().BeOfType<CachingTenantDirectory>();
}
