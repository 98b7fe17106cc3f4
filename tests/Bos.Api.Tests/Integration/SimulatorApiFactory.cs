using Bos.Simulator;
using Bos.Testing;

namespace Bos.Api.Tests.Integration;

/// <summary>
/// The API as deployed, with its real S3, IMS and TAPMS clients (Services:* → an in-process simulator of the demo
/// cluster on a free port), over the real Redis and RabbitMQ. Nodes do not boot here: no worker runs.
/// </summary>
public sealed class SimulatorApiFactory : BosHostFactory<Program>
{
    private bool _disposed;

    public RunningSimulator Simulator { get; private set; } = null!;

    /// <summary>The simulator's own HTTP API (faults, S3 objects).</summary>
    public HttpClient SimulatorClient { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Simulator = await RunningSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:Level"] = "WARNING",
            ["Simulator:TimeScale"] = "0.001",
            ["Simulator:Reporter:Enabled"] = "false",
        });
        SimulatorClient = new HttpClient { BaseAddress = Simulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await base.InitializeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        .. base.Settings(),
        new("Services:Hsm", $"{Simulator.BaseAddress}hsm/v2"),
        new("Services:Pcs", $"{Simulator.BaseAddress}power-control/v1"),
        new("Services:Bss", $"{Simulator.BaseAddress}boot/v1"),
        new("Services:Cfs", $"{Simulator.BaseAddress}cfs/v3"),
        new("Services:Ims", $"{Simulator.BaseAddress}ims/v3"),
        new("Services:S3", $"{Simulator.BaseAddress}s3"),
        // Set explicitly, so tenants come from TAPMS rather than "Tenants:*" settings.
        new("Services:Tapms", $"{Simulator.BaseAddress}tapms/v1alpha3"),
        // Upstream's 0.5 s × 2^n back-off, shrunk so that failing services cost milliseconds.
        new("Services:Retry:BackoffSeconds", "0.01"),
        new("Services:Retry:MaxBackoffSeconds", "0.05"),
    ];

    /// <summary>Sets the simulator's service faults (e.g. <c>new { ims = new { errorRate = 1.0 } }</c>); null clears them.</summary>
    public async Task SetServiceFaultsAsync(object? services)
    {
        using var response = services is null
            ? await SimulatorClient.DeleteAsync("sim/faults")
            : await SimulatorClient.PatchAsync("sim/faults", HttpJson.Body(System.Text.Json.JsonSerializer.Serialize(new { services })));
        response.EnsureSuccessStatusCode();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_disposed) return;
        _disposed = true;
        SimulatorClient.Dispose();
        await Simulator.DisposeAsync();
    }
}
