using System.Net.Http.Json;
using System.Text.Json;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using static Bos.Workers.Tests.Orchestration.OrchestrationCluster;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// Client retries slow enough to watch (1 s apart, 3 of them), as a failing service's retries would be, and nodes that
/// take 1 s to power on, so that a PCS transition is still running when its first status read fails.
/// </summary>
public sealed class SlowRetryCluster : OrchestrationCluster
{
    protected override IReadOnlyDictionary<string, string?> SimulatorOverrides { get; } = new Dictionary<string, string?>
    {
        // Time-scaled by 0.001: 1 s.
        ["Simulator:Timing:PowerOn:Min"] = "1000",
        ["Simulator:Timing:PowerOn:Max"] = "1000",
    };

    protected override IReadOnlyDictionary<string, string> WorkerOverrides { get; } = new Dictionary<string, string>
    {
        ["Services:Retry:MaxRetries"] = "3",
        ["Services:Retry:BackoffSeconds"] = "1",
        ["Services:Retry:MaxBackoffSeconds"] = "1",
    };
}

/// <summary>
/// D-19 (issue #11): a PCS call that fails or hangs during a session shows in the affected components' `error` from
/// its first failed attempt, while the client still retries it, as the API shows it; a power action that then
/// succeeds clears it, and one whose retries are exhausted leaves upstream's error until the next power action
/// succeeds. The retry counters and last actions are those of upstream (one attempt per power action).
/// </summary>
[Collection(ClusterCollection.Name)]
[NeedsServices]
public sealed class ServiceFailureVisibilityTests(SlowRetryCluster cluster) : IClassFixture<SlowRetryCluster>
{
    [Fact]
    public async Task A_failing_PCS_power_on_shows_in_error_while_it_is_retried_and_its_success_clears_it()
    {
        var node = Node(1);
        await ResetFaultsAsync();
        await cluster.FaultsAsync(new { services = new { pcs = new { failNext = 2, errorStatus = 500, pathContains = "/transitions" } } });

        await cluster.SetUpAsync([node]);
        var shown = await Eventually.Until(() => ApiComponentAsync(node), c => c.Error.Contains("retrying", StringComparison.Ordinal),
            "the failed PCS On in the component's error");

        shown.Error.Should().StartWith("Error encountered calling CAPMC to power on: pcs POST ").And.Contain("/transitions: HTTP 500")
            .And.Contain("(retrying: retry ");
        shown.LastAction.Should().Be(Actions.PoweringOn);
        shown.PowerOnAttempts.Should().Be(1, "the attempt is counted when it is made, right before PCS is called (D-26)");
        var c = (await cluster.SettledAsync([node])).Single();
        ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable);
        c.Error.Should().BeEmpty();
        (await cluster.HistoryAsync(node)).Count(e => e == "On requested").Should().Be(1, "the retried call powered the node on once");
    }

    [Fact]
    public async Task A_PCS_power_on_whose_retries_are_exhausted_keeps_upstreams_error_until_the_next_power_on_succeeds()
    {
        var node = Node(2);
        await ResetFaultsAsync();
        // The first attempt and its 3 retries fail; the next power-on (after max_power_on_wait_time) succeeds.
        await cluster.FaultsAsync(new { services = new { pcs = new { failNext = 4, errorStatus = 500, pathContains = "/transitions" } } });

        await cluster.SetUpAsync([node]);
        var retrying = await Eventually.Until(() => ApiComponentAsync(node), c => c.Error.Contains("(retrying: retry 3 of 3", StringComparison.Ordinal),
            "the last retry in the component's error");
        var failed = await Eventually.Until(() => ApiComponentAsync(node), c => c.Error.StartsWith("Error encountered calling CAPMC to power on: ApiResponseException", StringComparison.Ordinal),
            "upstream's error once the retries are exhausted");

        retrying.PowerOnAttempts.Should().Be(1, "the attempt under way");
        failed.Error.Should().Contain("Non-2XX response (500)").And.NotContain("retrying");
        failed.PowerOnAttempts.Should().Be(1);
        var c = (await cluster.SettledAsync([node])).Single();
        ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable);
        c.Error.Should().BeEmpty();
        (await cluster.HistoryAsync(node)).Count(e => e == "On requested").Should().Be(1);
    }

    [Fact]
    public async Task A_hanging_PCS_power_off_shows_its_timeout_in_error_while_it_is_retried()
    {
        var node = Node(3);
        await ResetFaultsAsync();
        await cluster.PowerOnDirectlyAsync(node);
        await SetPcsReadTimeoutAsync(10);
        try
        {
            await cluster.FaultsAsync(new { services = new { pcs = new { hangNext = 1, hangSeconds = 60, pathContains = "/transitions" } } });

            await cluster.SetUpAsync([node], reboot: true);
            var shown = await Eventually.Until(() => ApiComponentAsync(node), c => c.Error.Contains("retrying", StringComparison.Ordinal),
                "the hung PCS Soft-Off in the component's error");

            shown.Error.Should().StartWith("Error encountered calling PCS to power off gracefully: pcs POST ")
                .And.Contain("/transitions: no answer within the read timeout (10 s) (retrying: retry 1 of 3");
            var c = (await cluster.SettledAsync([node])).Single();
            ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable);
            c.Error.Should().BeEmpty();
            (await cluster.HistoryAsync(node)).Should().ContainInOrder("Soft-Off requested", "powered off", "On requested", "booted");
        }
        finally
        {
            await SetPcsReadTimeoutAsync(20);
        }
    }

    [Fact]
    public async Task A_failing_PCS_power_status_read_shows_in_error_and_the_next_successful_observation_clears_it()
    {
        var node = Node(4);
        await ResetFaultsAsync();
        // The observation's first attempt and its 3 retries fail; the saga's watchdog asks again later.
        await cluster.FaultsAsync(new { services = new { pcs = new { failNext = 4, errorStatus = 503, pathContains = "/power-status" } } });

        await cluster.SetUpAsync([node]);
        var retrying = await Eventually.Until(() => ApiComponentAsync(node), c => c.Error.Contains("retrying", StringComparison.Ordinal),
            "the failed power-status read in the component's error");
        var failed = await Eventually.Until(() => ApiComponentAsync(node), c => c.Error.Length > 0 && !c.Error.Contains("retrying", StringComparison.Ordinal),
            "the read's final error");

        retrying.Error.Should().StartWith("Error encountered reading power status from PCS: pcs POST ").And.Contain("/power-status: HTTP 503");
        failed.Error.Should().StartWith("Error encountered reading power status from PCS: ApiResponseException: Non-2XX response (503)");
        var c = (await cluster.SettledAsync([node])).Single();
        ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable);
        c.Error.Should().BeEmpty();
        (await cluster.HistoryAsync(node)).Count(e => e == "On requested").Should().Be(1);
    }

    [Fact]
    public async Task A_failing_read_of_a_PCS_transition_shows_on_its_waiting_components_and_the_next_good_read_clears_it()
    {
        var node = Node(5);
        await ResetFaultsAsync();
        // Only the transition's status reads ("…/transitions/{id}"), not the POST that starts it: the first read fails, its retry
        // (1 s later, as the node comes on) succeeds.
        await cluster.FaultsAsync(new { services = new { pcs = new { failNext = 1, errorStatus = 500, pathContains = "/transitions/" } } });

        await cluster.SetUpAsync([node]);
        var shown = await Eventually.Until(() => ApiComponentAsync(node), c => c.Error.Contains("retrying", StringComparison.Ordinal),
            "the failed transition read in the component's error");

        shown.Error.Should().StartWith("Error encountered reading power status from PCS: pcs GET ").And.Contain("/transitions/")
            .And.Contain(": HTTP 500").And.Contain("(retrying: retry ");
        shown.LastAction.Should().Be(Actions.PoweringOn);
        shown.PowerOnAttempts.Should().Be(1, "the power-on itself succeeded; only watching it failed");
        var c = (await cluster.SettledAsync([node])).Single();
        ComponentStatusRule.Compute(c).Should().Be(Statuses.Stable);
        c.Error.Should().BeEmpty();
        (await cluster.HistoryAsync(node)).Count(e => e == "On requested").Should().Be(1, "a failing watch repeats no power action");
    }

    private sealed record Seen(string Error, string? LastAction, int PowerOnAttempts)
    {
        public override string ToString() => $"error '{Error}', last_action {LastAction}, power_on_attempts {PowerOnAttempts}";
    }

    /// <summary>The component as a client of the API sees it.</summary>
    private async Task<Seen> ApiComponentAsync(string id)
    {
        var c = await cluster.Api.GetFromJsonAsync<JsonElement>($"/v2/components/{id}");
        return new Seen(c.GetProperty("error").GetString() ?? "", c.GetProperty("last_action").GetProperty("action").GetString(),
            c.TryGetProperty("event_stats", out var stats) && stats.TryGetProperty("power_on_attempts", out var n) ? n.GetInt32() : 0);
    }

    private async Task ResetFaultsAsync() => (await cluster.Sim.DeleteAsync("sim/faults")).EnsureSuccessStatusCode();

    private async Task SetPcsReadTimeoutAsync(int seconds)
    {
        (await cluster.Api.PatchAsync("/v2/options", JsonContent.Create(new { pcs_read_timeout = seconds }))).EnsureSuccessStatusCode();
        // The worker re-reads the options every 0.5 s in these tests.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
    }
}
