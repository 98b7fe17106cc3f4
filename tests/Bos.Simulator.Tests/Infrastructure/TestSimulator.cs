using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bos.Simulator.Tests.Infrastructure;

/// <summary>
/// A simulator for one test or test class: fast time (TimeScale), fixed seed, reporter off unless a BOS URL is
/// given. Settings are "Simulator:..." keys on top of the demo cluster.
/// </summary>
public sealed class TestSimulator : IAsyncDisposable
{
    /// <summary>Simulated seconds become milliseconds: a 30-60 s boot takes 30-60 ms.</summary>
    public const string FastTime = "0.001";

    private TestSimulator(RunningSimulator running)
    {
        Running = running;
        Http = new HttpClient { BaseAddress = running.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public RunningSimulator Running { get; }

    public HttpClient Http { get; }

    public Uri BaseAddress => Running.BaseAddress;

    public static async Task<TestSimulator> StartAsync(IDictionary<string, string?>? settings = null, Uri? bosApi = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Logging:Level"] = "WARNING",
            ["Simulator:TimeScale"] = FastTime,
            ["Simulator:Seed"] = "42",
            ["Simulator:Reporter:Enabled"] = bosApi is null ? "false" : "true",
            ["Simulator:Reporter:BosApiUrl"] = bosApi?.ToString() ?? "http://127.0.0.1:9",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return new TestSimulator(await RunningSimulator.StartAsync(all));
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, object body) =>
        await Http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });

    public Task<JsonElement> NodeAsync(string xname) => GetJsonAsync($"sim/nodes/{xname}");

    public async Task<string> PhaseAsync(string xname) => (await NodeAsync(xname)).GetProperty("phase").GetString()!;

    public async Task SetFaultsAsync(object faults)
    {
        using var response = await SendJsonAsync(HttpMethod.Patch, "sim/faults", faults);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>PUT boot parameters for hosts and return the referral token.</summary>
    public async Task<string> PutBootParametersAsync(IEnumerable<string> hosts, string kernelParameters = "console=ttyS0")
    {
        using var response = await SendJsonAsync(HttpMethod.Put, "boot/v1/bootparameters", new
        {
            hosts,
            @params = kernelParameters,
            kernel = $"s3://boot-images/{DemoImages.X86}/kernel",
            initrd = $"s3://boot-images/{DemoImages.X86}/initrd",
        });
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("bss-referral-token").Single();
    }

    public async Task<JsonObject> TransitionAsync(string operation, params string[] xnames)
    {
        using var response = await SendJsonAsync(HttpMethod.Post, "power-control/v1/transitions", new
        {
            operation,
            taskDeadlineMinutes = 1,
            location = xnames.Select(x => new { xname = x }),
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Running.DisposeAsync();
    }
}

/// <summary>The demo cluster's fixed names.</summary>
public static class DemoImages
{
    public const string X86 = "a5b1f8d2-6c3e-4f10-9d2a-000000000001";
    public const string Aarch64 = "a5b1f8d2-6c3e-4f10-9d2a-000000000002";
    public const string UanWithoutBootParameters = "a5b1f8d2-6c3e-4f10-9d2a-000000000003";

    public static string Node(int ordinal) => $"x3000c0s{ordinal}b0n0";
}
