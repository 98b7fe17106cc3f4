using System.Net.Http.Headers;
using System.Text;

namespace Bos.Testing;

/// <summary>
/// A RabbitMQ virtual host of its own for one test class: exchanges, queues and published events never cross
/// into another class's. Created through the management API, deleted on dispose.
/// </summary>
public sealed class IsolatedVirtualHost : IAsyncDisposable
{
    private static readonly HttpClient Management = CreateClient();

    private IsolatedVirtualHost(string name) => Name = name;

    public string Name { get; }

    public static async Task<IsolatedVirtualHost> CreateAsync(string hint)
    {
        var vhost = new IsolatedVirtualHost($"test-{TestServices.UniqueName(hint)}");
        var escaped = Uri.EscapeDataString(vhost.Name);
        (await Management.PutAsync($"vhosts/{escaped}", Json("{}"))).EnsureSuccessStatusCode();
        (await Management.PutAsync($"permissions/{escaped}/guest",
            Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
        return vhost;
    }

    public async ValueTask DisposeAsync()
    {
        try { await Management.DeleteAsync($"vhosts/{Uri.EscapeDataString(Name)}"); }
        catch (HttpRequestException) { /* broker already gone: nothing left to clean */ }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = TestServices.RabbitMqManagement, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        return client;
    }
}
