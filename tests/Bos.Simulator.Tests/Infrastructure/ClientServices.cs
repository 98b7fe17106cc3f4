using Bos.Core.Clients;
using Bos.Core.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bos.Simulator.Tests.Infrastructure;

/// <summary>Bos's service clients wired the way a host wires them, pointed at a test simulator.</summary>
public static class ClientServices
{
    public static ServiceProvider For(Uri simulator, BosOptions? options = null, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Services:Hsm"] = $"{simulator}hsm/v2",
            ["Services:Pcs"] = $"{simulator}power-control/v1",
            ["Services:Bss"] = $"{simulator}boot/v1",
            ["Services:Cfs"] = $"{simulator}cfs/v3",
            ["Services:Ims"] = $"{simulator}ims/v3",
            ["Services:S3"] = $"{simulator}s3",
            ["Services:Tapms"] = $"{simulator}tapms/v1alpha3",
            // Upstream's 0.5 s × 2^n back-off, shrunk so retry tests take milliseconds.
            ["Services:Retry:BackoffSeconds"] = "0.01",
            ["Services:Retry:MaxBackoffSeconds"] = "0.05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IBosOptionsSource>(new StaticBosOptionsSource(options ?? BosOptions.Defaults));
        services.AddBosServiceClients(configuration);
        return services.BuildServiceProvider();
    }
}
