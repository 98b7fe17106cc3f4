using System.Net;
using System.Text.Json;
using Bos.Simulator.Tests.Infrastructure;
using FluentAssertions;
using Xunit;

namespace Bos.Simulator.Tests.Contract;

/// <summary>EXT-40: CFS v3 components: every node exists, paging via "next", PATCH by filters.</summary>
public sealed class CfsContractTests(DemoClusterFixture cluster) : IClassFixture<DemoClusterFixture>
{
    private TestSimulator Sim => cluster.Sim;

    [Fact]
    public async Task Paging_with_limit_follows_next_until_null_and_covers_every_node_once()
    {
        var seen = new List<string>();
        var query = "limit=5";
        var pages = 0;
        while (true)
        {
            var page = await Sim.GetJsonAsync($"cfs/v3/components?{query}");
            pages++;
            seen.AddRange(page.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
            var next = page.GetProperty("next");
            if (next.ValueKind == JsonValueKind.Null) break;
            next.GetProperty("limit").GetInt32().Should().Be(5);
            next.GetProperty("after").GetString().Should().Be(seen[^1]);
            query = string.Join('&', next.EnumerateObject().Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value.ToString())}"));
        }

        pages.Should().Be(4);
        seen.Should().HaveCount(16).And.OnlyHaveUniqueItems();
        seen.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Next_keeps_the_filters_of_the_first_request()
    {
        var ids = string.Join(',', Enumerable.Range(1, 6).Select(DemoImages.Node));

        var page = await Sim.GetJsonAsync($"cfs/v3/components?ids={ids}&limit=4");

        page.GetProperty("components").GetArrayLength().Should().Be(4);
        page.GetProperty("next").GetProperty("ids").GetString().Should().Be(ids);
    }

    [Fact]
    public async Task Components_start_unconfigured_and_a_patch_by_ids_sets_desired_config_tags_and_state()
    {
        var before = await Sim.GetJsonAsync($"cfs/v3/components/{DemoImages.Node(7)}");
        using var patched = await Sim.SendJsonAsync(HttpMethod.Patch, "cfs/v3/components", new
        {
            patch = new { enabled = false, desired_config = "cos-config", tags = new { bos_session = "s1" }, state = Array.Empty<object>() },
            filters = new { ids = $"{DemoImages.Node(7)},{DemoImages.Node(8)},x9999c0s1b0n0" },
        });
        var after = (await Sim.GetJsonAsync($"cfs/v3/components?ids={DemoImages.Node(7)}")).GetProperty("components")[0];

        before.GetProperty("configuration_status").GetString().Should().Be("unconfigured");
        patched.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await patched.Content.ReadAsStringAsync()).RootElement.GetProperty("component_ids")
            .EnumerateArray().Select(i => i.GetString()).Should().Equal(DemoImages.Node(7), DemoImages.Node(8));
        after.GetProperty("desired_config").GetString().Should().Be("cos-config");
        after.GetProperty("enabled").GetBoolean().Should().BeFalse();
        after.GetProperty("tags").GetProperty("bos_session").GetString().Should().Be("s1");
        // Desired config set but not applied (the node is off): pending, as CFS reports it.
        after.GetProperty("configuration_status").GetString().Should().Be("pending");
    }

    [Fact]
    public async Task A_patch_without_filters_or_with_a_bad_status_filter_is_400()
    {
        using var noFilters = await Sim.SendJsonAsync(HttpMethod.Patch, "cfs/v3/components", new { patch = new { enabled = true } });
        using var badStatus = await Sim.Http.GetAsync("cfs/v3/components?status=bogus");

        noFilters.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badStatus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
