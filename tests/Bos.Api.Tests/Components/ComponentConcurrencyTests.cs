using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Components;

/// <summary>Concurrent PATCHes of one component lose no update (optimistic transactions; fixes Q-19).</summary>
[NeedsServices]
public sealed class ComponentConcurrencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Parallel_patches_of_distinct_fields_of_one_component_are_all_kept()
    {
        var client = factory.CreateClient();
        await client.PutJson("/v2/components/hot", """{"enabled":false,"desired_state":{"boot_artifacts":{}}}""");

        // 60 patches, each setting one distinct field value; a lost update would drop one of them.
        var patches = Enumerable.Range(0, 60).Select(i => (i % 3) switch
        {
            0 => $$$"""{"desired_state":{"boot_artifacts":{"kernel":"k{{{i}}}"}},"session":"s"}""",
            1 => $$$"""{"desired_state":{"boot_artifacts":{"initrd":"i{{{i}}}"}},"session":"s"}""",
            _ => $$$"""{"desired_state":{"boot_artifacts":{"kernel_parameters":"p{{{i}}}"}},"session":"s"}""",
        }).ToList();
        // Sequential truth: the last writer of each field wins; concurrently, every field must still be set.
        var responses = await Task.WhenAll(patches.Select(p => client.PatchJson("/v2/components/hot", p)));
        responses.Should().OnlyContain(r => r.IsSuccessStatusCode);

        var record = await (await client.GetAsync("/v2/components/hot")).Json();
        var artifacts = record["desired_state"]!["boot_artifacts"]!;
        artifacts["kernel"]!.GetValue<string>().Should().StartWith("k");
        artifacts["initrd"]!.GetValue<string>().Should().StartWith("i");
        artifacts["kernel_parameters"]!.GetValue<string>().Should().StartWith("p");
    }

    [Fact]
    public async Task Parallel_patches_setting_different_components_of_a_bulk_all_land()
    {
        var client = factory.CreateClient();
        var ids = Enumerable.Range(0, 40).Select(i => $"c{i:D3}").ToList();
        await client.PutJson("/v2/components", "[" + string.Join(',', ids.Select(id => $$$"""{"id":"{{{id}}}","error":""}""")) + "]");

        await Task.WhenAll(ids.Select(id => client.PatchJson($"/v2/components/{id}", $$$"""{"error":"done-{{{id}}}"}""")));
        await Task.WhenAll(ids.Select(id => client.PatchJson("/v2/components", $$$"""[{"id":"{{{id}}}","retry_policy":7}]""")));

        var all = (await (await client.GetAsync("/v2/components")).Json()).AsArray();
        all.Where(c => ids.Contains(c!["id"]!.GetValue<string>()))
            .Should().HaveCount(40).And.OnlyContain(c => c!["error"]!.GetValue<string>() == "done-" + c["id"]!.GetValue<string>()
                                                        && c["retry_policy"]!.GetValue<int>() == 7);
    }
}
