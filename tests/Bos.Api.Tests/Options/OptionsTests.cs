using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Bos.Contracts.Events;
using Bos.Core.Logging;
using Bos.Core.Options;
using Bos.Testing;
using FluentAssertions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using Xunit;

namespace Bos.Api.Tests.Options;

/// <summary>GET/PATCH /v2/options (API-24/25, DM-80). Each test starts from an absent record.</summary>
[NeedsServices]
public sealed class OptionsTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();

    public async Task InitializeAsync() => await factory.Redis.Store.DeleteAsync(OptionsStore.Key);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GET_fills_every_default_and_writes_the_record_back()
    {
        var body = await GetOptions();

        JsonNode.DeepEquals(body, OptionDefinitions.DefaultRecord()).Should().BeTrue(body.ToJsonString());
        JsonNode.DeepEquals(await Stored(), body).Should().BeTrue();
    }

    [Fact]
    public async Task GET_drops_unknown_keys_and_reads_illegal_stored_values_as_their_default()
    {
        await factory.Redis.Store.SetAsync(OptionsStore.Key,
            """{"polling_frequency": 7, "component_actual_state_ttl": "30m", "disable_components_on_completion": true}""");

        var body = await GetOptions();

        body["polling_frequency"]!.GetValue<int>().Should().Be(7);
        body["component_actual_state_ttl"]!.GetValue<string>().Should().Be("4h");
        body.ContainsKey("disable_components_on_completion").Should().BeFalse();
        body.Should().HaveCount(20);
        JsonNode.DeepEquals(await Stored(), body).Should().BeTrue();
    }

    [Fact]
    public async Task PATCH_merges_stores_and_returns_the_whole_record()
    {
        await Patch("""{"polling_frequency": 7}""");
        var response = await Patch("""{"reject_nids": true, "cleanup_completed_session_ttl": "3d"}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body.Should().HaveCount(20);
        body["polling_frequency"]!.GetValue<int>().Should().Be(7);
        body["reject_nids"]!.GetValue<bool>().Should().BeTrue();
        body["cleanup_completed_session_ttl"]!.GetValue<string>().Should().Be("3d");
        JsonNode.DeepEquals(await GetOptions(), body).Should().BeTrue();
    }

    [Fact]
    public async Task PATCH_echoes_unknown_keys_once_but_does_not_keep_them()
    {
        var response = await Patch("""{"polling_frequency": 8, "no_such_option": "x"}""");

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body["no_such_option"]!.GetValue<string>().Should().Be("x");
        body.Should().HaveCount(21);
        (await Stored()).ContainsKey("no_such_option").Should().BeFalse();
        (await GetOptions()).ContainsKey("no_such_option").Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"polling_frequency": -1}""", "-1 is less than the minimum of 0 - 'polling_frequency'")]
    [InlineData("""{"bss_read_timeout": 5}""", "5 is less than the minimum of 10 - 'bss_read_timeout'")]
    [InlineData("""{"max_component_batch_size": 131072}""", "131072 is greater than the maximum of 131071 - 'max_component_batch_size'")]
    [InlineData("""{"component_actual_state_ttl": "30m"}""", "'30m' does not match '^[1-9][0-9]*[hHdDwW]$' - 'component_actual_state_ttl'")]
    [InlineData("""{"logging_level": "TRACE"}""", "'TRACE' does not match")]
    [InlineData("""{"clear_stage": "yes"}""", "'yes' is not of type 'boolean' - 'clear_stage'")]
    [InlineData("""{"polling_frequency": 1.5}""", "1.5 is not of type 'integer' - 'polling_frequency'")]
    [InlineData("{}", "{} does not have enough properties")]
    [InlineData("[]", "[] is not of type 'object'")]
    [InlineData("not json", "Request body is not valid JSON")]
    public async Task PATCH_rejects_what_the_spec_rejects_and_stores_nothing(string json, string detail)
    {
        var response = await Patch(json);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["title"]!.GetValue<string>().Should().Be("Bad Request");
        problem["detail"]!.GetValue<string>().Should().StartWith(detail);
        (await factory.Redis.Store.GetAsync(OptionsStore.Key)).Should().BeNull();
    }

    [Fact]
    public async Task PATCH_with_a_non_JSON_content_type_gets_the_spec_validations_problem_not_routings_empty_415()
    {
        var response = await _client.PatchAsync("/v2/options", new StringContent("x", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task PATCH_logging_level_changes_the_API_process_level_at_once()
    {
        var levels = factory.Services.GetRequiredService<LogLevelController>();

        await Patch("""{"logging_level": "debug"}""");
        levels.Level.Should().Be(LogEventLevel.Debug);

        await Patch("""{"logging_level": "ERROR"}""");
        levels.Level.Should().Be(LogEventLevel.Error);
        factory.Services.GetRequiredService<IBosOptionsSource>().Current.LoggingLevel.Should().Be("ERROR");
    }

    [Fact]
    public async Task PATCH_publishes_OptionsChanged_with_the_stored_record()
    {
        var received = new TaskCompletionSource<OptionsChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = factory.Services.GetRequiredService<IBus>();
        var handle = bus.ConnectReceiveEndpoint(e => e.Handler<OptionsChanged>(context =>
        {
            if (context.Message.Options["polling_frequency"].GetInt32() == 11) received.TrySetResult(context.Message);
            return Task.CompletedTask;
        }));
        await handle.Ready;
        try
        {
            await Patch("""{"polling_frequency": 11, "unknown_key": 1}""");

            var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));
            message.Options.Should().HaveCount(20).And.NotContainKey("unknown_key");
        }
        finally
        {
            await handle.StopAsync();
        }
    }

    private async Task<JsonObject> GetOptions()
    {
        var response = await _client.GetAsync("/v2/options");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private Task<HttpResponseMessage> Patch(string json) =>
        _client.PatchAsync("/v2/options", new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonObject> Stored() => JsonNode.Parse((await factory.Redis.Store.GetAsync(OptionsStore.Key))!)!.AsObject();
}
