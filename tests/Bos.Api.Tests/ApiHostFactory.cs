using Bos.Core.BootImages;
using Bos.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bos.Api.Tests;

/// <summary>
/// The API as most tests host it: without S3 and IMS (the "cannot validate" catalog), so that a test never reaches
/// whatever listens on the clients' default address (a simulator started by scripts/run). Tenants come from
/// "Tenants:*" settings, as no Services:Tapms is configured. Integration tests use the real clients instead.
/// </summary>
public class ApiHostFactory : BosHostFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IBootImageCatalog, UnavailableBootImageCatalog>());
    }
}
