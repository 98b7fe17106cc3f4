using System.Net;
using Bos.Core.Options;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Sessions;

/// <summary>
/// Q-08 (docs/compatibility.md): a limit that session setup could never apply is refused by POST /v2/sessions with
/// a 400 naming the bad item, and nothing is stored. Found with the real `cray` CLI, which sent
/// `--limit x3000c0s1b0n0,,x3000c0s2b0n0` and got 201, then a session failing in setup.
/// </summary>
[NeedsServices]
public sealed class SessionLimitTests : IClassFixture<SessionsApiFactory>
{
    private readonly SessionsApiFactory _factory;
    private readonly HttpClient _client;

    public SessionLimitTests(SessionsApiFactory factory)
    {
        _factory = factory;
        _factory.Options.Current = BosOptions.Defaults;
        _client = factory.CreateClient();
    }

    [Fact]
    public async Task A_limit_with_an_empty_item_between_two_nodes_is_a_400_and_stores_nothing() =>
        await ShouldRefuse("x3000c0s1b0n0,,x3000c0s2b0n0", "Invalid session limit: item 2 of 3 ('') is empty");

    [Fact]
    public async Task A_limit_with_a_trailing_comma_is_a_400_and_stores_nothing() =>
        await ShouldRefuse("x3000c0s1b0n0,", "Invalid session limit: item 2 of 2 ('') is empty");

    [Fact]
    public async Task A_limit_that_is_a_lone_not_operator_is_a_400_and_stores_nothing() =>
        await ShouldRefuse("!", "Invalid session limit: item 1 of 1 ('!') has an operator but no name");

    [Fact]
    public async Task A_blank_limit_is_a_400_and_stores_nothing_rather_than_meaning_no_limit() =>
        await ShouldRefuse(" ", "Invalid session limit: item 1 of 1 (' ') is empty");

    [Fact]
    public async Task A_tenant_gets_the_same_400_for_a_limit_with_an_empty_item() =>
        await ShouldRefuse("x3000c0s1b0n0,,x3000c0s2b0n0", "Invalid session limit: item 2 of 3 ('') is empty", SessionsApiFactory.TenantA);

    [Fact]
    public async Task A_limit_the_setup_can_apply_is_still_accepted_with_its_text_kept_verbatim()
    {
        var template = await _client.CreateTemplate();
        var body = $$"""{"template_name": "{{template}}", "operation": "boot", "limit": " x3000c0s1b0n0, !x3000c0s2b0n0"}""";
        (await _client.Post("/v2/sessions", body)).ShouldBe(HttpStatusCode.Created)["limit"]!.GetValue<string>()
            .Should().Be(" x3000c0s1b0n0, !x3000c0s2b0n0");
    }

    private async Task ShouldRefuse(string limit, string detail, string? tenant = null)
    {
        var template = await _client.CreateTemplate(tenant);
        var name = ApiJson.Unique("limit");
        var before = await SessionKeys();

        var body = $$"""{"name": "{{name}}", "template_name": "{{template}}", "operation": "boot", "limit": "{{limit}}"}""";
        (await _client.Post("/v2/sessions", body, tenant)).ShouldBeBadRequest().Should().Be(detail);

        (await _client.Get($"/v2/sessions/{name}", tenant)).ShouldBeNotFound();
        (await SessionKeys()).Should().BeEquivalentTo(before, "no session record may be written for a refused limit");
    }

    private async Task<List<string>> SessionKeys()
    {
        var keys = new List<string>();
        await foreach (var key in _factory.Redis.Store.ScanKeysAsync("session*")) keys.Add(key);
        return keys;
    }
}
