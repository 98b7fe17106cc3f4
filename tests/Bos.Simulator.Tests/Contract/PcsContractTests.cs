using System.Net;
using System.Text.Json;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Xunit;

namespace Bos.Simulator.Tests.Contract;

/// <summary>EXT-20: PCS power status, transitions, and its request-size limit.</summary>
public sealed class PcsContractTests(DemoClusterFixture cluster) : IClassFixture<DemoClusterFixture>
{
    private TestSimulator Sim => cluster.Sim;

    [Fact]
    public async Task Power_status_reports_each_requested_xname_and_an_error_for_unknown_ones()
    {
        using var response = await Sim.SendJsonAsync(HttpMethod.Post, "power-control/v1/power-status",
            new { xname = new[] { DemoImages.Node(3), "x9999c0s1b0n0" } });
        response.EnsureSuccessStatusCode();
        var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status")
            .EnumerateArray().ToDictionary(s => s.GetProperty("xname").GetString()!);

        status[DemoImages.Node(3)].GetProperty("powerState").GetString().Should().Be("off");
        status[DemoImages.Node(3)].GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        status["x9999c0s1b0n0"].GetProperty("error").GetString().Should().Be("Component not found in component map.");
    }

    [Fact]
    public async Task Requests_over_the_PCS_limit_are_rejected_with_400_like_real_PCS()
    {
        var xnames = Enumerable.Range(1, 2501).Select(i => $"x1000c0s{i}b0n0").ToArray();

        using var status = await Sim.SendJsonAsync(HttpMethod.Post, "power-control/v1/power-status", new { xname = xnames });
        using var transition = await Sim.SendJsonAsync(HttpMethod.Post, "power-control/v1/transitions",
            new { operation = "Force-Off", location = xnames.Select(x => new { xname = x }) });
        using var atLimit = await Sim.SendJsonAsync(HttpMethod.Post, "power-control/v1/power-status", new { xname = xnames[..2500] });

        status.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await status.Content.ReadAsStringAsync()).Should().Contain("too many xnames");
        transition.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        atLimit.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Malformed_xnames_and_unsupported_operations_are_400()
    {
        using var badName = await Sim.SendJsonAsync(HttpMethod.Post, "power-control/v1/power-status", new { xname = new[] { "node-1" } });
        using var badOperation = await Sim.SendJsonAsync(HttpMethod.Post, "power-control/v1/transitions",
            new { operation = "Explode", location = new[] { new { xname = DemoImages.Node(1) } } });

        badName.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badName.Content.ReadAsStringAsync()).Should().Contain("invalid xnames detected: node-1");
        badOperation.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Transition_answers_its_id_and_operation_and_can_be_looked_up()
    {
        // Force-Off of an off node: nothing changes, the task succeeds at once.
        var started = await Sim.TransitionAsync("Force-Off", DemoImages.Node(10));
        var id = started["transitionID"]!.GetValue<string>();

        var transition = await Sim.GetJsonAsync($"power-control/v1/transitions/{id}");
        using var unknown = await Sim.Http.GetAsync("power-control/v1/transitions/0d6f0f6e-0000-4000-8000-000000000000");

        started["operation"]!.GetValue<string>().Should().Be("Force-Off");
        transition.GetProperty("transitionStatus").GetString().Should().Be("completed");
        transition.GetProperty("taskCounts").GetProperty("succeeded").GetInt32().Should().Be(1);
        transition.GetProperty("tasks")[0].GetProperty("xname").GetString().Should().Be(DemoImages.Node(10));
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
