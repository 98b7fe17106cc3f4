using System.Net;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Components;

/// <summary>
/// Single-component PATCHes that arrive together are written together (ComponentPatchBatcher): each request still gets
/// its own record, 404 or 409, and two PATCHes of one component both apply.
/// </summary>
[NeedsServices]
public sealed class ConcurrentComponentPatchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string Prefix() => "x2000c" + Random.Shared.Next(1, 1_000_000) + "s";

    [Fact]
    public async Task Concurrent_patches_of_many_components_each_get_their_own_record()
    {
        var ids = Enumerable.Range(0, 64).Select(i => $"{Prefix()}{i}b0n0").ToList();
        foreach (var id in ids) await _client.PutJson($"/v2/components/{id}", """{"enabled":false}""");

        var answers = await Task.WhenAll(ids.Select(id => _client.PatchJson($"/v2/components/{id}", $$"""{"error":"{{id}}"}""")));

        foreach (var (id, answer) in ids.Zip(answers))
        {
            answer.StatusCode.Should().Be(HttpStatusCode.OK);
            var record = await answer.Json();
            record["id"]!.GetValue<string>().Should().Be(id);
            record["error"]!.GetValue<string>().Should().Be(id);
            (await (await _client.GetAsync($"/v2/components/{id}")).Json())["error"]!.GetValue<string>().Should().Be(id);
        }
    }

    [Fact]
    public async Task A_refused_or_missing_component_among_concurrent_patches_fails_alone()
    {
        var prefix = Prefix();
        var busy = $"{prefix}1b0n0";
        var missing = $"{prefix}2b0n0";
        var others = Enumerable.Range(3, 30).Select(i => $"{prefix}{i}b0n0").ToList();
        await _client.PutJson($"/v2/components/{busy}", """{"enabled":true,"status":{"phase":"powering_off"},"last_action":{"action":"powering_off_gracefully"}}""");
        await _client.PatchJson($"/v2/components/{busy}", """{"status":{"status_override":""}}""");
        foreach (var id in others) await _client.PutJson($"/v2/components/{id}", """{"enabled":false}""");

        var report = """{"actual_state":{"bss_token":"unknown-token"}}""";
        var answers = await Task.WhenAll(new[] { busy, missing }.Concat(others).Select(id => _client.PatchJson($"/v2/components/{id}", report)));

        answers[0].StatusCode.Should().Be(HttpStatusCode.Conflict, "BOS is powering the node off (the 409 rule)");
        answers[1].StatusCode.Should().Be(HttpStatusCode.NotFound);
        answers.Skip(2).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK);
        foreach (var id in others)
            (await (await _client.GetAsync($"/v2/components/{id}")).Json())["actual_state"]!["bss_token"]!.GetValue<string>().Should().Be("unknown-token");
    }

    [Fact]
    public async Task Concurrent_patches_of_one_component_all_apply()
    {
        var id = $"{Prefix()}1b0n0";
        await _client.PutJson($"/v2/components/{id}", """{"enabled":false}""");

        var answers = await Task.WhenAll(
            _client.PatchJson($"/v2/components/{id}", """{"error":"first"}"""),
            _client.PatchJson($"/v2/components/{id}", """{"retry_policy":7}"""),
            _client.PatchJson($"/v2/components/{id}", """{"staged_state":{"configuration":"c"}}"""));

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK);
        var record = await (await _client.GetAsync($"/v2/components/{id}")).Json();
        record["error"]!.GetValue<string>().Should().Be("first");
        record["retry_policy"]!.GetValue<int>().Should().Be(7);
        record["staged_state"]!["configuration"]!.GetValue<string>().Should().Be("c");
    }
}
