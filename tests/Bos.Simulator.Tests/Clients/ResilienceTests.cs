using System.Net;
using System.Net.Sockets;
using Bos.Core.Clients;
using Bos.Core.Options;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Simulator.Tests.Clients;

/// <summary>EXT-01: retries on 5xx, connection errors and timeouts; upstream's error wording when they run out.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task Server_errors_are_retried_until_the_service_answers()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress);
        await sim.SetFaultsAsync(new { services = new { hsm = new { failNext = 3, errorStatus = 503 } } });

        var groups = await services.GetRequiredService<IHsmClient>().GetGroupsAsync();
        var requests = await sim.GetJsonAsync("sim/requests");

        groups.Should().HaveCount(2);
        requests.GetProperty("hsm GET /hsm/v2/groups").GetInt64().Should().Be(4);
    }

    [Fact]
    public async Task When_retries_run_out_the_error_carries_upstreams_wording()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress, settings: new Dictionary<string, string?>
        {
            ["Services:Retry:MaxRetries"] = "2",
        });
        await sim.SetFaultsAsync(new { services = new { pcs = new { failNext = 100, errorStatus = 500 } } });

        var call = () => services.GetRequiredService<IPcsClient>().GetPowerStatusAsync([DemoImages.Node(1)]);

        var error = (await call.Should().ThrowAsync<ApiResponseException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        error.Message.Should().StartWith(
            $"Non-2XX response (500) to POST {sim.BaseAddress}power-control/v1/power-status; Internal Server Error {{");
        error.Message.Should().Contain("simulated pcs fault");
        (await sim.GetJsonAsync("sim/requests")).GetProperty("pcs POST /power-control/v1/power-status").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task Each_failed_attempt_that_is_retried_is_reported_to_the_observer_of_the_calling_flow_only()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress, settings: new Dictionary<string, string?> { ["Services:Retry:MaxRetries"] = "5" });
        var pcs = services.GetRequiredService<IPcsClient>();
        var seen = new List<ServiceAttemptFailure>();
        await sim.SetFaultsAsync(new { services = new { pcs = new { failNext = 2, errorStatus = 503 } } });

        using (ServiceAttempts.Observe(f => { lock (seen) seen.Add(f); return Task.CompletedTask; }))
            await pcs.GetPowerStatusAsync([DemoImages.Node(1)]);
        await sim.SetFaultsAsync(new { services = new { pcs = new { failNext = 1, errorStatus = 503 } } });
        await pcs.GetPowerStatusAsync([DemoImages.Node(1)]); // no observer: nothing reported

        seen.Select(f => (f.Service, f.StatusCode, f.Retry, f.MaxRetries)).Should().Equal(("pcs", 503, 1, 5), ("pcs", 503, 2, 5));
        seen[0].What.Should().Be($"pcs POST {sim.BaseAddress}power-control/v1/power-status: HTTP 503 Service Unavailable");
        seen[0].Retrying.Should().StartWith("retry 1 of 5 in ");
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress);

        var call = () => services.GetRequiredService<IPcsClient>().GetPowerStatusAsync(["not-an-xname"]);

        (await call.Should().ThrowAsync<ApiResponseException>()).Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await sim.GetJsonAsync("sim/requests")).GetProperty("pcs POST /power-control/v1/power-status").GetInt64().Should().Be(1);
    }

    [Theory]
    [InlineData(false, 4, true)]
    [InlineData(false, 5, false)]
    [InlineData(true, 8, true)]
    public async Task Ims_retries_four_times_or_eight_when_ims_errors_are_fatal(bool fatal, int failures, bool succeeds)
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress, BosOptions.Defaults with { ImsErrorsFatal = fatal });
        await sim.SetFaultsAsync(new { services = new { ims = new { failNext = failures } } });

        var call = () => services.GetRequiredService<IImsClient>().GetImageAsync(DemoImages.X86);

        if (succeeds) (await call()).Id.Should().Be(DemoImages.X86);
        else await call.Should().ThrowAsync<ApiResponseException>();
    }

    [Fact]
    public async Task A_hung_request_times_out_after_the_read_timeout_and_the_retry_succeeds()
    {
        await using var sim = await TestSimulator.StartAsync();
        // The options' lower bound is 10 s; a test-only source may go lower.
        await using var services = ClientServices.For(sim.BaseAddress, BosOptions.Defaults with { CfsReadTimeout = 1 });
        await sim.SetFaultsAsync(new { services = new { cfs = new { hangNext = 1, hangSeconds = 600 } } });

        var components = await services.GetRequiredService<ICfsClient>().GetAllComponentsAsync();

        components.Should().HaveCount(16);
        (await sim.GetJsonAsync("sim/requests")).GetProperty("cfs GET /cfs/v3/components").GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task Without_retries_left_a_hang_surfaces_as_a_timeout()
    {
        await using var sim = await TestSimulator.StartAsync();
        await using var services = ClientServices.For(sim.BaseAddress, BosOptions.Defaults with { BssReadTimeout = 1 },
            new Dictionary<string, string?> { ["Services:Retry:MaxRetries"] = "0" });
        await sim.SetFaultsAsync(new { services = new { bss = new { hangNext = 1, hangSeconds = 600 } } });

        var call = () => services.GetRequiredService<IBssClient>().GetBootParametersAsync(DemoImages.Node(1));

        (await call.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("read timeout=1s");
    }

    [Fact]
    public async Task Connection_errors_are_retried_and_then_surface()
    {
        (await ConnectionsMadeAsync(maxRetries: 0)).Should().Be(1);
        (await ConnectionsMadeAsync(maxRetries: 2)).Should().Be(3, "one attempt and two retries");
    }

    /// <summary>
    /// Calls TAPMS at a listener that reads each request and answers bytes that are not HTTP, then drops the connection
    /// (after a response has begun, .NET's pool does not reconnect on its own, so each attempt is one connection).
    /// Returns how many connections were made.
    /// </summary>
    private static async Task<int> ConnectionsMadeAsync(int maxRetries)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = 0;
        using var stop = new CancellationTokenSource();
        var dropping = Task.Run(async () =>
        {
            var buffer = new byte[8192];
            while (!stop.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(stop.Token);
                Interlocked.Increment(ref accepted);
                await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                await socket.SendAsync("NOT-HTTP\r\n\r\n"u8.ToArray(), SocketFlags.None, stop.Token);
            }
        });
        await using var services = ClientServices.For(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"),
            settings: new Dictionary<string, string?> { ["Services:Retry:MaxRetries"] = maxRetries.ToString() });

        var call = () => services.GetRequiredService<ITapmsClient>().GetTenantAsync("vcluster-blue");

        await call.Should().ThrowAsync<HttpRequestException>();
        await stop.CancelAsync();
        await dropping.ContinueWith(_ => { });
        return Volatile.Read(ref accepted);
    }
}
