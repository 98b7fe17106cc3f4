using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Components;

/// <summary>GET /v2/components filters and paging (API-41) over a known set of components.</summary>
[NeedsServices]
public sealed class ComponentListTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();

    public async Task InitializeAsync()
    {
        // This class's factory has its own key prefix: these 6 are the only components it sees.
        var response = await _client.PutJson("/v2/components", """
            [{"id":"x1","enabled":true,"session":"s1","status":{"phase":"powering_on"}},
             {"id":"x2","enabled":false,"session":"s1","staged_state":{"session":"st"}},
             {"id":"x3","enabled":false,"session":"s2","status":{"phase":"configuring","status_override":""}},
             {"id":"x4","enabled":false,"status":{"phase":"","status_override":"failed"}},
             {"id":"x5","enabled":false},
             {"id":"x10","enabled":false}]
            """);
        response.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> Ids(string query) =>
        (await (await _client.GetAsync("/v2/components" + query)).Json()).AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Lists_everything_in_id_order() =>
        (await Ids("")).Should().Equal("x1", "x10", "x2", "x3", "x4", "x5");

    [Theory]
    [InlineData("?enabled=True", new[] { "x1" })]
    [InlineData("?enabled=false", new[] { "x10", "x2", "x3", "x4", "x5" })]
    [InlineData("?session=s1", new[] { "x1", "x2" })]
    [InlineData("?staged_session=st", new[] { "x2" })]
    [InlineData("?phase=configuring", new[] { "x3" })]
    [InlineData("?status=failed,configuring", new[] { "x3", "x4" })]
    [InlineData("?status=on_hold", new[] { "x1" })]
    [InlineData("?ids=x5,x2,nope", new[] { "x2", "x5" })]
    [InlineData("?session=s1&enabled=false", new[] { "x2" })]
    public async Task Filters_select_matching_components(string query, string[] expected) =>
        (await Ids(query)).Should().Equal(expected);

    [Fact]
    public async Task Pages_follow_start_after_id_until_a_short_page()
    {
        (await Ids("?page_size=2")).Should().Equal("x1", "x10");
        (await Ids("?page_size=2&start_after_id=x10")).Should().Equal("x2", "x3");
        (await Ids("?page_size=2&start_after_id=x3")).Should().Equal("x4", "x5");
        (await Ids("?page_size=2&start_after_id=x5")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_filtered_page_is_filled_with_matches_not_truncated_keys() =>
        (await Ids("?enabled=false&page_size=2&start_after_id=x1")).Should().Equal("x10", "x2");

    [Theory]
    [InlineData("?enabled=maybe", "Wrong type, expected 'boolean' for query parameter 'enabled'")]
    [InlineData("?phase=sleeping", "'sleeping' is not one of ['configuring', 'powering_off', 'powering_on', '']")]
    [InlineData("?page_size=-1", "-1 is less than the minimum of 0")]
    [InlineData("?session=bad!name", "'bad!name' does not match")]
    public async Task Bad_query_parameters_are_400_with_connexion_wording(string query, string detail)
    {
        var response = await _client.GetAsync("/v2/components" + query);
        ((int)response.StatusCode).Should().Be(400);
        (await response.Json())["detail"]!.GetValue<string>().Should().StartWith(detail);
    }

    [Fact]
    public async Task Returned_records_carry_computed_status()
    {
        var all = (await (await _client.GetAsync("/v2/components")).Json()).AsArray();
        all.Should().OnlyContain(c => c!["status"]!["status"] != null);
        all.Single(c => c!["id"]!.GetValue<string>() == "x3")!["status"]!["status"]!.GetValue<string>().Should().Be("configuring");
    }
}
