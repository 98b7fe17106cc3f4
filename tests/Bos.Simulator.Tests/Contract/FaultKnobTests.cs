using System.Net;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Xunit;

namespace Bos.Simulator.Tests.Contract;

/// <summary>Service fault knobs, changed at runtime through /sim/faults.</summary>
public sealed class FaultKnobTests
{
    [Fact]
    public async Task FailNext_answers_that_many_requests_with_the_configured_status_then_the_service_recovers()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.SetFaultsAsync(new { services = new { hsm = new { failNext = 2, errorStatus = 502 } } });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await sim.Http.GetAsync("hsm/v2/groups");
            statuses.Add(response.StatusCode);
        }
        using var otherService = await sim.Http.GetAsync("tapms/v1alpha3/tenants/vcluster-blue");

        statuses.Should().Equal(HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK);
        otherService.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PathContains_limits_a_service_fault_to_the_matching_requests_which_alone_use_up_FailNext()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.SetFaultsAsync(new { services = new { hsm = new { failNext = 1, errorStatus = 500, pathContains = "/Groups" } } });

        using var other = await sim.Http.GetAsync("hsm/v2/State/Components");
        using var matching = await sim.Http.GetAsync("hsm/v2/groups");
        using var again = await sim.Http.GetAsync("hsm/v2/groups");
        var faults = await sim.GetJsonAsync("sim/faults");

        other.StatusCode.Should().Be(HttpStatusCode.OK);
        matching.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        faults.GetProperty("services").GetProperty("hsm").GetProperty("pathContains").GetString().Should().Be("/Groups");
    }

    [Fact]
    public async Task A_hung_request_is_held_until_the_client_gives_up()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.SetFaultsAsync(new { services = new { cfs = new { hangNext = 1, hangSeconds = 600 } } });
        // Long enough for the request to reach the simulator on a loaded machine, so the hang catches this one and not the next.
        using var impatient = new HttpClient { BaseAddress = sim.BaseAddress, Timeout = TimeSpan.FromSeconds(3) };

        var hung = () => impatient.GetAsync("cfs/v3/components");

        await hung.Should().ThrowAsync<TaskCanceledException>();
        using var next = await sim.Http.GetAsync("cfs/v3/components");
        next.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Faults_read_back_as_set_and_unknown_services_are_rejected()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.SetFaultsAsync(new { gracefulOffIgnored = new { rate = 0.25, nodes = new[] { DemoImages.Node(2) } } });

        var faults = await sim.GetJsonAsync("sim/faults");
        using var unknown = await sim.SendJsonAsync(HttpMethod.Patch, "sim/faults", new { services = new { dns = new { failNext = 1 } } });

        faults.GetProperty("gracefulOffIgnored").GetProperty("rate").GetDouble().Should().Be(0.25);
        faults.GetProperty("gracefulOffIgnored").GetProperty("nodes")[0].GetString().Should().Be(DemoImages.Node(2));
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
