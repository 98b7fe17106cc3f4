using Bos.Contracts.Events;
using Bos.Core.Options;
using Bos.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bos.Api.Tests;

/// <summary>
/// The API with two configured tenants, options the test sets directly, and a recorder of the session and
/// template events it publishes through RabbitMQ.
/// </summary>
public class SessionsApiFactory : ApiHostFactory
{
    public const string TenantA = "vcluster-a";
    public const string TenantB = "vcluster-b";
    public static readonly string[] TenantANodes = ["x3000c0s1b0n0", "x3000c0s2b0n0"];
    public static readonly string[] TenantBNodes = ["x3000c0s3b0n0"];

    public StaticBosOptionsSource Options { get; } = new(BosOptions.Defaults);

    public EventRecorder Events { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Events = await EventRecorder.StartAsync(Services,
            typeof(SessionCreated), typeof(SessionUpdated), typeof(SessionDeleted), typeof(SessionTemplateSaved), typeof(SessionTemplateDeleted));
    }

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        base.Settings()
            .Concat(TenantANodes.Select((id, i) => KeyValuePair.Create($"Tenants:{TenantA}:{i}", id)))
            .Concat(TenantBNodes.Select((id, i) => KeyValuePair.Create($"Tenants:{TenantB}:{i}", id)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IBosOptionsSource>(Options);
            ConfigureServices(services);
        });
    }

    /// <summary>Replaces services of the API for a test class.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}

/// <summary>The same API with S3 and IMS in memory instead of "not configured".</summary>
public sealed class ImageCatalogApiFactory : SessionsApiFactory
{
    public InMemoryBootImageCatalog Catalog { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<Bos.Core.BootImages.IBootImageCatalog>(Catalog);
}
