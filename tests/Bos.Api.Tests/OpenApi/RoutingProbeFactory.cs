using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bos.Api.Tests.OpenApi;

/// <summary>
/// The API with an outermost middleware that records which endpoint routing chose for each request (by the
/// request's <see cref="ProbeHeader"/>), so a test can tell "no route" from a handler's own 404.
/// </summary>
public sealed class RoutingProbeFactory : ApiHostFactory
{
    public const string ProbeHeader = "X-Routing-Probe";

    public ConcurrentDictionary<string, Endpoint?> Routed { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new Recorder(Routed)));
    }

    private sealed class Recorder(ConcurrentDictionary<string, Endpoint?> routed) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                await proceed(context);
                if (context.Request.Headers.TryGetValue(ProbeHeader, out var id)) routed[id.ToString()] = context.GetEndpoint();
            });
            next(app);
        };
    }
}
