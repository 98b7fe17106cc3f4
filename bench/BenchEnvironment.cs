using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Bos.Bench;

/// <summary>
/// What every benchmark deployment gets of its own, so it never touches a developer's running Bos (vhost "/", prefix
/// "bos:"): a free port, a RabbitMQ virtual host and a Redis key prefix, removed again afterwards.
/// </summary>
public static class BenchEnvironment
{
    /// <summary>The RabbitMQ management API (guest on 127.0.0.1, as scripts/services sets it up).</summary>
    public static HttpClient Management { get; } = CreateManagementClient();

    /// <summary>
    /// BOS_BENCH_TELEMETRY: `on` (default) or `off`, given to every API and worker the benchmarks start as
    /// Telemetry__Enabled, so that a run can be repeated with metrics off to measure what they cost (docs/metrics.md).
    /// </summary>
    public static bool Telemetry { get; } = !string.Equals(Environment.GetEnvironmentVariable("BOS_BENCH_TELEMETRY"), "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Telemetry__Enabled value for the processes the benchmarks start.</summary>
    public static string TelemetrySetting => Telemetry ? "true" : "false";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A fresh Redis key prefix, marked in use while this process runs (<see cref="BenchLeftovers"/>).</summary>
    public static string NewKeyPrefix() => $"bench:{BenchLeftovers.Register(Guid.NewGuid().ToString("N"))}:";

    /// <summary>Creates a fresh virtual host the guest user may use; returns its name.</summary>
    public static async Task<string> CreateVirtualHostAsync()
    {
        var name = $"bench-{BenchLeftovers.Register(Guid.NewGuid().ToString("N"))}";
        var escaped = Uri.EscapeDataString(name);
        (await Management.PutAsync($"vhosts/{escaped}", Json("{}"))).EnsureSuccessStatusCode();
        (await Management.PutAsync($"permissions/{escaped}/guest", Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
        return name;
    }

    /// <summary>Deletes the virtual host and every Redis key under the prefix.</summary>
    public static async Task RemoveAsync(string virtualHost, string keyPrefix)
    {
        try { await Management.DeleteAsync($"vhosts/{Uri.EscapeDataString(virtualHost)}"); } catch (HttpRequestException) { }
        using var cleanup = Process.Start(new ProcessStartInfo("sh", $"-c \"redis-cli --scan --pattern '{keyPrefix}*' | xargs -r -n 1000 redis-cli del >/dev/null\""))!;
        await cleanup.WaitForExitAsync();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpClient CreateManagementClient()
    {
        var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:15672/api/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        return client;
    }
}
