using System.Text;
using System.Text.Json.Nodes;
using Bos.Api.Http;
using Bos.Api.Integration;
using Bos.Api.Spec;
using Bos.Core.Integration;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Bos.Api.Tests.Integration;

/// <summary>The command rules that run before any service is called: who may send, which commands exist, the spec checks.</summary>
public sealed class CommandDispatcherTests
{
    private static CommandDispatcher Dispatcher(params string[] users) => new(
        new ServiceCollection().BuildServiceProvider(),
        new SpecRequestCheck(MsOptions.Create(new ApiLimits())),
        MsOptions.Create(new Microsoft.AspNetCore.Http.Json.JsonOptions()),
        MsOptions.Create(new IntegrationOptions { CommandUsers = [.. users] }),
        NullLogger<CommandDispatcher>.Instance);

    private static async Task<(int Status, JsonNode Body)> Send(CommandDispatcher dispatcher, string command, string body, string? user = null,
        string? contentType = null)
    {
        var reply = await dispatcher.DispatchAsync(command, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body), contentType, user, default);
        reply.ContentType.Should().Be("application/problem+json");
        return (reply.Status, JsonNode.Parse(reply.Body)!);
    }

    [Theory]
    [InlineData(null, 403)]
    [InlineData("bob", 403)]
    [InlineData("alice", 404)]
    public async Task With_command_users_set_only_they_get_past_the_sender_check(string? user, int expected) =>
        (await Send(Dispatcher("alice"), "no.such.command", "{}", user)).Status.Should().Be(expected);

    [Fact]
    public async Task The_filters_of_an_enable_command_are_checked_as_the_rest_patch_body()
    {
        var (status, body) = await Send(Dispatcher(), "components.enable", """{"ids": 5}""");
        // The spec's oneOf (a list of patches, or patch + filters) words it as connexion would for the REST body.
        (status, (string?)body["detail"]).Should().Be((400, "{'patch': {'enabled': True}, 'filters': {'ids': 5}} is not valid under any of the given schemas"));
    }

    [Fact]
    public async Task A_body_declared_as_another_media_type_is_a_415_as_in_rest()
    {
        var (status, body) = await Send(Dispatcher(), "session.create", "{}", contentType: "text/plain");
        (status, (string?)body["title"]).Should().Be((415, "Unsupported Media Type"));
    }
}
