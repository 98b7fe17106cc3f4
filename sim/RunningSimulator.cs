using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Bos.Simulator;

/// <summary>
/// The simulator started in-process on a free 127.0.0.1 port with real HTTP (virtual nodes call out to BOS, so a
/// TestServer will not do). For tests and for hosts that embed it.
/// </summary>
public sealed class RunningSimulator : IAsyncDisposable
{
    private RunningSimulator(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    /// <summary>e.g. http://127.0.0.1:41234/ — services live under their prefixes (hsm/v2, boot/v1, ...).</summary>
    public Uri BaseAddress { get; }

    public static async Task<RunningSimulator> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var app = SimulatorApp.Create([], new KeyValuePair<string, string?>[] { new("Urls", "http://127.0.0.1:0") }.Concat(settings));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningSimulator(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
