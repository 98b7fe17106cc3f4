using Bos.Core.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bos.Core.Clients;

public static class ServiceClientRegistration
{
    /// <summary>
    /// Registers the typed clients for HSM, PCS, BSS, CFS, IMS, S3 and TAPMS through IHttpClientFactory, with base
    /// URLs from configuration section "Services", per-attempt timeouts from the live options
    /// (<see cref="IBosOptionsSource"/>; a fixed default source is added if the host registered none) and retries.
    /// </summary>
    public static IServiceCollection AddBosServiceClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ServiceEndpoints>(configuration.GetSection(ServiceEndpoints.Section));
        services.TryAddSingleton<IBosOptionsSource>(new StaticBosOptionsSource(BosOptions.Defaults));

        Add<IHsmClient, HsmClient>(services, ServicePolicy.Hsm, e => e.Hsm);
        Add<IPcsClient, PcsClient>(services, ServicePolicy.Pcs, e => e.Pcs);
        Add<IBssClient, BssClient>(services, ServicePolicy.Bss, e => e.Bss);
        Add<ICfsClient, CfsClient>(services, ServicePolicy.Cfs, e => e.Cfs);
        Add<IImsClient, ImsClient>(services, ServicePolicy.Ims, e => e.Ims);
        Add<IS3Client, S3Client>(services, ServicePolicy.S3, e => e.S3);
        Add<ITapmsClient, TapmsClient>(services, ServicePolicy.Tapms, e => e.Tapms);
        return services;
    }

    private static void Add<TClient, TImplementation>(IServiceCollection services, ServicePolicy policy, Func<ServiceEndpoints, string> url)
        where TClient : class
        where TImplementation : class, TClient
    {
        services.AddHttpClient<TClient, TImplementation>((sp, http) =>
            {
                var endpoints = sp.GetRequiredService<IOptions<ServiceEndpoints>>().Value;
                // A trailing slash so relative paths ("State/Components") extend the base path instead of replacing it.
                http.BaseAddress = new Uri(url(endpoints).TrimEnd('/') + "/");
                // Each attempt has its own read timeout (ServiceResilienceHandler); no overall cap beyond that.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var endpoints = sp.GetRequiredService<IOptions<ServiceEndpoints>>().Value;
                var handler = new SocketsHttpHandler
                {
                    ConnectTimeout = TimeSpan.FromSeconds(Math.Max(0.1, endpoints.ConnectTimeoutSeconds)),
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                };
                if (!endpoints.VerifyTls) handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
                return handler;
            })
            // Outermost: a call is timed as its caller sees it, retries included.
            .AddHttpMessageHandler(() => new ServiceCallMetricsHandler(policy.Name))
            .AddHttpMessageHandler(sp => new ServiceResilienceHandler(
                policy,
                sp.GetRequiredService<IBosOptionsSource>(),
                sp.GetRequiredService<IOptions<ServiceEndpoints>>().Value.Retry,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger($"Bos.Core.Clients.{policy.Name}")));
    }
}
